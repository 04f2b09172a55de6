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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.KinesisVideoArchivedMediaException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;

import java.time.Duration;
import java.time.Instant;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Injected faults surface in the SDK (with its retries disabled) as the real ones would. */
class FaultInjectionTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.seed(5).tpsPerStream(0));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static int streams;

    private KinesisVideoArchivedMediaClient media;
    private ListFragmentsRequest listing;

    @BeforeEach
    void createStreamAndClient() {
        String name = "faults-" + ++streams;
        EMULATOR.emulator().createStream(name).append(T0);
        media = EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false);
        listing = request(name, SelectorType.SERVER_TIMESTAMP, T0, T0, 10);
    }

    @AfterEach
    void closeClient() {
        media.close();
    }

    @Test
    void http500SurfacesAsServiceExceptionWithItsStatusAndRequestId() {
        EMULATOR.emulator().faults().http500Fraction(1);

        KinesisVideoArchivedMediaException e =
                catchThrowableOfType(
                        KinesisVideoArchivedMediaException.class,
                        () -> media.listFragments(listing));

        assertThat(e.statusCode()).isEqualTo(500);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
        assertThat(e.requestId()).isNotBlank();
    }

    @Test
    void http503SurfacesAsServiceExceptionWithItsStatusAndRequestId() {
        EMULATOR.emulator().faults().http503Fraction(1);

        KinesisVideoArchivedMediaException e =
                catchThrowableOfType(
                        KinesisVideoArchivedMediaException.class,
                        () -> media.listFragments(listing));

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
        assertThat(e.requestId()).isNotBlank();
    }

    @Test
    void closedConnectionSurfacesAsClientExceptionWithoutAnAnswer() {
        EMULATOR.emulator().faults().closeConnectionFraction(1);

        SdkClientException e =
                catchThrowableOfType(SdkClientException.class, () -> media.listFragments(listing));

        assertThat(e).isNotNull();
        assertThat(EMULATOR.emulator().counters().faulted()).isEqualTo(1);
        assertThat(EMULATOR.emulator().counters().pages()).isZero();
    }

    @Test
    void injectedThrottleSurfacesAsClientLimitExceededWithoutTouchingTheQuota() {
        EMULATOR.emulator().faults().throttleFraction(1);

        ClientLimitExceededException e =
                catchThrowableOfType(
                        ClientLimitExceededException.class, () -> media.listFragments(listing));

        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(EMULATOR.emulator().counters().faulted()).isEqualTo(1);
        assertThat(EMULATOR.emulator().counters().throttled(Operation.LIST_FRAGMENTS)).isZero();
    }

    @Test
    void fractionOfFaultsHitsSomeRequestsAndSparesOthers() {
        EMULATOR.emulator().faults().http503Fraction(0.5);
        int failed = 0;
        for (int i = 0; i < 40; i++) {
            try {
                media.listFragments(listing);
            } catch (KinesisVideoArchivedMediaException e) {
                failed++;
            }
        }

        assertThat(failed).isBetween(1, 39);
        assertThat(EMULATOR.emulator().counters().faulted()).isEqualTo(failed);
        assertThat(EMULATOR.emulator().counters().pages()).isEqualTo(40 - failed);
    }

    @Test
    void faultsLimitedToGetDataEndpointSpareListFragments() {
        EMULATOR.emulator().faults().http500Fraction(1).onlyFor(Operation.GET_DATA_ENDPOINT);

        assertThat(media.listFragments(listing).fragments()).hasSize(1);
    }

    @Test
    void latencyDelaysEveryAnswerByAtLeastTheFixedPart() {
        EMULATOR.emulator().faults().latency(Duration.ofMillis(300), Duration.ofMillis(50));
        long started = System.nanoTime();

        media.listFragments(listing);

        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void rawAnswerReplacesOnlyTheNextCountAnswers() {
        EMULATOR.emulator().faults().rawAnswer("{\"Fragments\":[],\"NextToken\":\"x\"}", 2);

        assertThat(media.listFragments(listing).nextToken()).isEqualTo("x");
        assertThat(media.listFragments(listing).nextToken()).isEqualTo("x");
        assertThat(media.listFragments(listing).fragments()).hasSize(1);
        assertThat(EMULATOR.emulator().counters().faulted()).isEqualTo(2);
    }

    @Test
    void bodyCutShortSurfacesAsClientException() {
        EMULATOR.emulator().faults().cutBody(1);

        SdkClientException e =
                catchThrowableOfType(SdkClientException.class, () -> media.listFragments(listing));

        assertThat(e).isNotNull();
        assertThat(media.listFragments(listing).fragments()).hasSize(1);
    }

    @Test
    void resetRemovesEveryFault() {
        EMULATOR.emulator()
                .faults()
                .http500Fraction(0.4)
                .closeConnectionFraction(0.3)
                .throttleFraction(0.3);
        EMULATOR.emulator().faults().cutBody(1);

        EMULATOR.emulator().faults().reset();

        assertThat(media.listFragments(listing).fragments()).hasSize(1);
    }
}
