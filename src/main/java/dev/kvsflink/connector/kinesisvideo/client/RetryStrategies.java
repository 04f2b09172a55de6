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

package dev.kvsflink.connector.kinesisvideo.client;

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * The SDK retry strategies of the connector's clients, configured as flink-connector-aws configures
 * its own: the SDK does the retrying, we only say what and how long.
 *
 * <p>The SDK's standard strategy already retries 5xx answers, I/O errors and the AWS throttling
 * codes it knows; it does not know Kinesis Video's {@code ClientLimitExceededException} (HTTP 400).
 * The control plane ({@code GetDataEndpoint}) retries it with backoff like the SDK's own throttling
 * codes. The data plane ({@code ListFragments}) does not: its caller paces the calls to each stream
 * and must resend a throttled one at its own, slowed-down pace; an SDK retry would bypass that pace
 * and arrive while the quota window is still full, to be throttled again. The circuit breaker is
 * off: a reader must keep retrying its stream however many other calls failed.
 */
@Internal
final class RetryStrategies {

    private RetryStrategies() {}

    /** The strategy of a control-plane client: throttling is retried with backoff. */
    static StandardRetryStrategy controlPlane(AwsClientSettings.Retry settings) {
        return builder(settings)
                .retryOnExceptionOrCauseInstanceOf(
                        software.amazon.awssdk.services.kinesisvideo.model
                                .ClientLimitExceededException.class)
                .build();
    }

    /** The strategy of a data-plane client: a throttled call fails at once, to its caller. */
    static StandardRetryStrategy dataPlane(AwsClientSettings.Retry settings) {
        return builder(settings).build();
    }

    private static StandardRetryStrategy.Builder builder(AwsClientSettings.Retry settings) {
        // Full jitter: readers failing together spread their retries over the whole window.
        BackoffStrategy backoff =
                BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .treatAsThrottling(RetryStrategies::isThrottling);
    }

    /** Whether {@code failure} says the caller exceeded a quota. */
    static boolean isThrottling(Throwable failure) {
        return SdkErrors.isClientLimitExceeded(failure)
                || (failure instanceof SdkServiceException
                        && ((SdkServiceException) failure).isThrottlingException());
    }
}
