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

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * The {@code aws.retry-strategy.*} options: how the AWS SDK's standard retry strategy retries 5xx
 * answers, I/O errors and a throttled {@code GetDataEndpoint} ({@code
 * ClientLimitExceededException}). A throttled {@code ListFragments} is resent by the source's
 * reader at its own pace instead (see {@code source.stream.throttling-timeout}).
 *
 * <p>Every retry waits a random time between 0 and {@code min(delay.max, delay.base * 2^retry)}
 * (exponential backoff with full jitter), so that readers throttled together do not retry together.
 * A call that still fails after {@code attempts.max} attempts fails the read.
 */
@PublicEvolving
public final class RetryOptions {

    public static final ConfigOption<Integer> MAX_ATTEMPTS =
            ConfigOptions.key("aws.retry-strategy.attempts.max")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "How many times one call is sent at most, the first attempt included (>= 1; 1 disables retries).");

    public static final ConfigOption<Duration> BASE_DELAY =
            ConfigOptions.key("aws.retry-strategy.delay.base")
                    .durationType()
                    .defaultValue(Duration.ofMillis(100))
                    .withDescription(
                            "The base of the exponential backoff: the n-th retry waits a random time up to base * 2^n. The quotas are per second (5 calls per stream, 300 GetDataEndpoint calls per account), so a base well under a second spreads retries over the next quota windows.");

    public static final ConfigOption<Duration> MAX_BACKOFF =
            ConfigOptions.key("aws.retry-strategy.delay.max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("The longest wait before one retry (>= the base delay).");

    private RetryOptions() {}
}
