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
 * The SDK retry strategy of the connector's clients, configured as flink-connector-aws configures
 * its own: the SDK does the retrying, we only say what and how long.
 *
 * <p>The SDK's standard strategy already retries 5xx answers, I/O errors and the AWS throttling
 * codes it knows; it does not know Kinesis Video's {@code ClientLimitExceededException} (HTTP 400),
 * so that is added and treated as throttling. The circuit breaker is off: a reader must keep
 * retrying its stream however many other calls failed.
 */
@Internal
final class RetryStrategies {

    private RetryStrategies() {}

    /** The strategy for one client. */
    static StandardRetryStrategy create(AwsClientSettings.Retry settings) {
        // Full jitter: throttled readers of one stream spread their retries over the whole window.
        BackoffStrategy backoff =
                BackoffStrategy.exponentialDelay(settings.baseDelay(), settings.maxBackoff());
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .retryOnExceptionOrCauseInstanceOf(
                        software.amazon.awssdk.services.kinesisvideo.model
                                .ClientLimitExceededException.class)
                .retryOnExceptionOrCauseInstanceOf(
                        software.amazon.awssdk.services.kinesisvideoarchivedmedia.model
                                .ClientLimitExceededException.class)
                .treatAsThrottling(RetryStrategies::isThrottling)
                .build();
    }

    /** Whether {@code failure} says the caller exceeded a quota. */
    static boolean isThrottling(Throwable failure) {
        return SdkErrors.isClientLimitExceeded(failure)
                || (failure instanceof SdkServiceException
                        && ((SdkServiceException) failure).isThrottlingException());
    }
}
