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

package dev.kvsflink.connector.kinesisvideo.emulator;

import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.KinesisVideoArchivedMediaException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.NotAuthorizedException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The four modeled error types of both services, raised by the real SDK from the emulator's answers
 * with their status and request id, and the refusal of operations sent to the wrong plane.
 */
class ErrorAnswersTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create(b -> b.clock(CLOCK));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static KinesisVideoArchivedMediaClient dataPlane(String secret) {
        return KinesisVideoArchivedMediaClient.builder()
                .endpointOverride(EMULATOR.emulator().dataPlaneEndpoint())
                .region(Region.of(EMULATOR.emulator().region()))
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(
                                        EMULATOR.emulator().accessKey(), secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static KinesisVideoArchivedMediaClient dataPlane() {
        return dataPlane(EMULATOR.emulator().secretKey());
    }

    /** A {@code ListFragments} request of {@code streamName} for the instant T0 only. */
    private static ListFragmentsRequest listingAtT0(String streamName, int maxResults) {
        return request(streamName, SelectorType.SERVER_TIMESTAMP, T0, T0, maxResults);
    }

    /** Asks {@code control} for the data endpoint that serves {@code ListFragments}. */
    private static GetDataEndpointResponse listFragmentsEndpoint(
            KinesisVideoClient control, String streamName) {
        return control.getDataEndpoint(
                r -> r.streamName(streamName).apiName(APIName.LIST_FRAGMENTS));
    }

    private static void assertCarriesRequestId(AwsServiceException e, int status) {
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.requestId()).isNotBlank();
        assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("x-amzn-RequestId"))
                .contains(e.requestId());
    }

    @Test
    void unknownStreamOnListFragmentsRaisesResourceNotFoundException() {
        try (KinesisVideoArchivedMediaClient media = dataPlane()) {
            ResourceNotFoundException e =
                    catchThrowableOfType(
                            ResourceNotFoundException.class,
                            () -> media.listFragments(listingAtT0("no-such-stream", 10)));

            assertCarriesRequestId(e, 404);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
        }
    }

    @Test
    void unknownStreamOnGetDataEndpointRaisesResourceNotFoundException() {
        try (KinesisVideoClient control = EMULATOR.kinesisVideoClient()) {
            var e =
                    catchThrowableOfType(
                            software.amazon.awssdk.services.kinesisvideo.model
                                    .ResourceNotFoundException.class,
                            () -> listFragmentsEndpoint(control, "no-such-stream"));

            assertCarriesRequestId(e, 404);
        }
    }

    @Test
    void invalidArgumentRaisesInvalidArgumentExceptionNamingTheField() {
        EMULATOR.emulator().createStream("errors-invalid");
        try (KinesisVideoArchivedMediaClient media = dataPlane()) {
            InvalidArgumentException e =
                    catchThrowableOfType(
                            InvalidArgumentException.class,
                            () -> media.listFragments(listingAtT0("errors-invalid", 1001)));

            assertCarriesRequestId(e, 400);
            assertThat(e.awsErrorDetails().errorMessage()).contains("MaxResults");
        }
    }

    @Test
    void exceededQuotaRaisesClientLimitExceededException() {
        EMULATOR.emulator().createStream("errors-throttled");
        EMULATOR.emulator().faults().tpsPerStream(1);
        try (KinesisVideoArchivedMediaClient media = dataPlane()) {
            ListFragmentsRequest listing = listingAtT0("errors-throttled", 10);
            media.listFragments(listing);

            ClientLimitExceededException e =
                    catchThrowableOfType(
                            ClientLimitExceededException.class, () -> media.listFragments(listing));

            assertCarriesRequestId(e, 400);
        } finally {
            CLOCK.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void wrongSecretRaisesNotAuthorizedExceptionOnTheDataPlane() {
        EMULATOR.emulator().createStream("errors-unsigned");
        try (KinesisVideoArchivedMediaClient media = dataPlane("not-the-secret")) {
            NotAuthorizedException e =
                    catchThrowableOfType(
                            NotAuthorizedException.class,
                            () -> media.listFragments(listingAtT0("errors-unsigned", 10)));

            assertCarriesRequestId(e, 401);
            assertThat(e.getMessage()).doesNotContain(EMULATOR.emulator().secretKey());
        }
    }

    @Test
    void wrongSecretRaisesNotAuthorizedExceptionOnTheControlPlane() {
        EMULATOR.emulator().createStream("errors-unsigned-control");
        try (KinesisVideoClient control =
                KinesisVideoClient.builder()
                        .endpointOverride(EMULATOR.emulator().controlPlaneEndpoint())
                        .region(Region.of(EMULATOR.emulator().region()))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsBasicCredentials.create(
                                                EMULATOR.emulator().accessKey(), "not-the-secret")))
                        .build()) {
            var e =
                    catchThrowableOfType(
                            software.amazon.awssdk.services.kinesisvideo.model
                                    .NotAuthorizedException.class,
                            () -> listFragmentsEndpoint(control, "errors-unsigned-control"));

            assertCarriesRequestId(e, 401);
        }
    }

    @Test
    void invalidApiNameRaisesTheControlPlanesInvalidArgumentException() {
        EMULATOR.emulator().createStream("errors-api-name");
        try (KinesisVideoClient control = EMULATOR.kinesisVideoClient()) {
            var e =
                    catchThrowableOfType(
                            software.amazon.awssdk.services.kinesisvideo.model
                                    .InvalidArgumentException.class,
                            () ->
                                    control.getDataEndpoint(
                                            r ->
                                                    r.streamName("errors-api-name")
                                                            .apiName("LIST_STUFF")));

            assertCarriesRequestId(e, 400);
            assertThat(e.awsErrorDetails().errorMessage()).contains("APIName");
        }
    }

    @Test
    void exceededQuotaRaisesTheControlPlanesClientLimitExceededException() {
        EMULATOR.emulator().createStream("errors-throttled-control");
        try (KinesisVideoClient control = EMULATOR.kinesisVideoClient()) {
            for (int i = 0; i < 5; i++) {
                listFragmentsEndpoint(control, "errors-throttled-control");
            }

            var e =
                    catchThrowableOfType(
                            software.amazon.awssdk.services.kinesisvideo.model
                                    .ClientLimitExceededException.class,
                            () -> listFragmentsEndpoint(control, "errors-throttled-control"));

            assertCarriesRequestId(e, 400);
        } finally {
            CLOCK.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void controlPlaneRefusesListFragments() {
        EMULATOR.emulator().createStream("errors-wrong-plane");
        URI controlPlane = EMULATOR.emulator().controlPlaneEndpoint();
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(controlPlane, false)) {
            KinesisVideoArchivedMediaException e =
                    catchThrowableOfType(
                            KinesisVideoArchivedMediaException.class,
                            () -> media.listFragments(listingAtT0("errors-wrong-plane", 10)));

            assertThat(e).isNotInstanceOf(ResourceNotFoundException.class);
            assertThat(e.awsErrorDetails().errorMessage()).contains("GetDataEndpoint");
            assertCarriesRequestId(e, 404);
        }
    }

    @Test
    void dataPlaneRefusesGetDataEndpoint() {
        EMULATOR.emulator().createStream("errors-wrong-plane-2");
        try (KinesisVideoClient wrong =
                KinesisVideoClient.builder()
                        .endpointOverride(EMULATOR.emulator().dataPlaneEndpoint())
                        .region(Region.of(EMULATOR.emulator().region()))
                        .credentialsProvider(EMULATOR.credentialsProvider())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            AwsServiceException e =
                    catchThrowableOfType(
                            AwsServiceException.class,
                            () -> listFragmentsEndpoint(wrong, "errors-wrong-plane-2"));

            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
            assertCarriesRequestId(e, 404);
        }
    }

    @Test
    void getDataEndpointReturnsTheDataPlaneUrl() {
        EMULATOR.emulator().createStream("errors-endpoint");

        assertThat(EMULATOR.dataEndpoint("errors-endpoint"))
                .isEqualTo(EMULATOR.emulator().dataPlaneEndpoint())
                .isNotEqualTo(EMULATOR.emulator().controlPlaneEndpoint());
        assertThat(EMULATOR.emulator().dataPlaneEndpoint().getHost()).isEqualTo("127.0.0.1");
    }
}
