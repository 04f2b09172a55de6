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

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryToken;
import software.amazon.awssdk.retries.api.TokenAcquisitionFailedException;
import software.amazon.awssdk.services.kinesisvideo.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NotAuthorizedException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

import java.net.SocketException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests what the SDK retry strategy built by {@link RetryStrategies} retries, and how long it
 * waits.
 */
class RetryStrategiesTest {

    private static final AwsClientSettings.Retry SETTINGS =
            new AwsClientSettings.Retry(4, Duration.ofMillis(100), Duration.ofMillis(300));

    private final StandardRetryStrategy strategy = RetryStrategies.controlPlane(SETTINGS);

    private final StandardRetryStrategy dataPlane = RetryStrategies.dataPlane(SETTINGS);

    @Test
    void controlPlaneThrottlingIsRetried() {
        assertThat(retries(throttling())).isTrue();
    }

    @Test
    void dataPlaneThrottlingIsLeftToTheCallerWhichPacesItsCalls() {
        Exception e =
                software.amazon.awssdk.services.kinesisvideoarchivedmedia.model
                        .ClientLimitExceededException.builder()
                        .awsErrorDetails(details("ClientLimitExceededException"))
                        .statusCode(400)
                        .build();

        assertThat(retries(dataPlane, e)).isFalse();
    }

    @Test
    void dataPlaneServerErrorsAreRetried() {
        assertThat(retries(dataPlane, service("InternalFailure", 500))).isTrue();
    }

    @Test
    void serverErrorsAreRetried() {
        assertThat(retries(service("InternalFailure", 500))).isTrue();
        assertThat(retries(service("ServiceUnavailable", 503))).isTrue();
    }

    @Test
    void ioErrorsAreRetried() {
        assertThat(
                        retries(
                                SdkClientException.builder()
                                        .message("Unable to execute HTTP request")
                                        .cause(new SocketException("Connection reset"))
                                        .build()))
                .isTrue();
    }

    @Test
    void callerErrorsAreNotRetried() {
        assertThat(
                        retries(
                                ResourceNotFoundException.builder()
                                        .awsErrorDetails(details("ResourceNotFoundException"))
                                        .statusCode(404)
                                        .build()))
                .isFalse();
        assertThat(
                        retries(
                                InvalidArgumentException.builder()
                                        .awsErrorDetails(details("InvalidArgumentException"))
                                        .statusCode(400)
                                        .build()))
                .isFalse();
        assertThat(
                        retries(
                                NotAuthorizedException.builder()
                                        .awsErrorDetails(details("NotAuthorizedException"))
                                        .statusCode(401)
                                        .build()))
                .isFalse();
    }

    @Test
    void throttlingIsRetriedUntilMaxAttemptsIncludingTheFirst() {
        RetryToken token =
                strategy.acquireInitialToken(AcquireInitialTokenRequest.create("kvs")).token();
        int retries = 0;
        try {
            while (true) {
                token = refresh(token, throttling()).token();
                retries++;
            }
        } catch (TokenAcquisitionFailedException e) {
            assertThat(retries).isEqualTo(SETTINGS.maxAttempts() - 1);
        }
    }

    @Test
    void hundredsOfThrottledCallsNeverOpenACircuitBreaker() {
        // With the SDK's default circuit breaker, a few hundred failures empty the token bucket
        // and later calls fail at once; a reader must keep trying its stream instead.
        for (int call = 0; call < 300; call++) {
            RetryToken token =
                    strategy.acquireInitialToken(AcquireInitialTokenRequest.create("kvs")).token();
            refresh(token, service("InternalFailure", 500));
        }

        RetryToken token =
                strategy.acquireInitialToken(AcquireInitialTokenRequest.create("kvs")).token();
        assertThat(refresh(token, throttling()).delay()).isNotNull();
    }

    @Test
    void backoffNeverExceedsTheMaximum() {
        for (int call = 0; call < 50; call++) {
            RetryToken token =
                    strategy.acquireInitialToken(AcquireInitialTokenRequest.create("kvs")).token();
            for (int retry = 1; retry < SETTINGS.maxAttempts(); retry++) {
                RefreshRetryTokenResponse response = refresh(token, throttling());
                assertThat(response.delay()).isLessThanOrEqualTo(SETTINGS.maxBackoff());
                token = response.token();
            }
        }
    }

    @Test
    void clientLimitExceededCountsAsThrottling() {
        assertThat(RetryStrategies.isThrottling(throttling())).isTrue();
        assertThat(RetryStrategies.isThrottling(service("InternalFailure", 500))).isFalse();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        StandardRetryStrategy once =
                RetryStrategies.controlPlane(
                        new AwsClientSettings.Retry(1, Duration.ofMillis(1), Duration.ofMillis(1)));
        RetryToken token =
                once.acquireInitialToken(AcquireInitialTokenRequest.create("kvs")).token();

        assertThatThrownBy(
                        () ->
                                once.refreshRetryToken(
                                        RefreshRetryTokenRequest.builder()
                                                .token(token)
                                                .failure(throttling())
                                                .build()))
                .isInstanceOf(TokenAcquisitionFailedException.class);
    }

    private boolean retries(Throwable failure) {
        return retries(strategy, failure);
    }

    private static boolean retries(StandardRetryStrategy strategy, Throwable failure) {
        RetryToken token =
                strategy.acquireInitialToken(AcquireInitialTokenRequest.create("kvs")).token();
        try {
            strategy.refreshRetryToken(
                    RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
            return true;
        } catch (TokenAcquisitionFailedException e) {
            return false;
        }
    }

    private RefreshRetryTokenResponse refresh(RetryToken token, Throwable failure) {
        return strategy.refreshRetryToken(
                RefreshRetryTokenRequest.builder().token(token).failure(failure).build());
    }

    private static ClientLimitExceededException throttling() {
        return ClientLimitExceededException.builder()
                .awsErrorDetails(details("ClientLimitExceededException"))
                .statusCode(400)
                .build();
    }

    private static AwsServiceException service(String code, int status) {
        return AwsServiceException.builder()
                .awsErrorDetails(details(code))
                .statusCode(status)
                .build();
    }

    private static AwsErrorDetails details(String code) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(code + " happened").build();
    }
}
