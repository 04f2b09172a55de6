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

package dev.kvsflink.connector.kinesisvideo.reader;

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a reader does with a call that failed after the SDK's retries.
 *
 * @param suppressRestartsOnPermanentErrors whether an error that retrying cannot fix fails the job
 *     at once, bypassing the restart strategy
 * @param throttlingTimeout how long one call may go on being throttled, retried at the reader's
 *     slowed-down pace, before the job fails through the restart strategy
 */
@Internal
public record ErrorHandling(boolean suppressRestartsOnPermanentErrors, Duration throttlingTimeout)
        implements Serializable {

    /** The error handling the settings configure. */
    public static ErrorHandling from(KinesisVideoSourceSettings settings) {
        return new ErrorHandling(
                settings.suppressRestartsOnPermanentErrors(),
                Duration.ofMillis(settings.throttlingTimeoutMillis()));
    }
}
