/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package dev.kvsflink.connector.kinesisvideo.testutils;

import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.config.RetryOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;

import java.time.Duration;

/** The {@code aws.*} options that point the SDK client at a running emulator. */
public final class EmulatorAwsOptions {

    private EmulatorAwsOptions() {}

    /** Region, endpoint and the emulator's key pair; retries back off at most 500 ms. */
    public static Configuration of(KinesisVideoEmulator emulator) {
        Configuration aws = Configuration.fromMap(emulator.connectorOptions());
        // Throttled retries back off up to 10 s by default; a test need not wait that long.
        aws.set(RetryOptions.MAX_BACKOFF, Duration.ofMillis(500));
        return aws;
    }
}
