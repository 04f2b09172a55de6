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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;

import java.time.Duration;
import java.time.Instant;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-stream quota of 5 requests per second on each operation, and the account's quota of
 * {@code GetDataEndpoint}, on a manual clock so that "one second" is exact.
 */
class ThrottlingTest {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create(b -> b.clock(CLOCK));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private KinesisVideoArchivedMediaClient media;

    @BeforeEach
    void startAFreshSecond() {
        CLOCK.advance(Duration.ofSeconds(10));
        media = EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false);
    }

    @AfterEach
    void closeClient() {
        media.close();
    }

    private static String newStream(String name) {
        return EMULATOR.emulator().createStream(name).name();
    }

    private static ListFragmentsRequest listing(String streamName) {
        return request(streamName, SelectorType.SERVER_TIMESTAMP, T0, T0, 10);
    }

    private void listTimes(String streamName, int times) {
        ListFragmentsRequest request = listing(streamName);
        for (int i = 0; i < times; i++) {
            media.listFragments(request);
        }
    }

    @Test
    void sixthRequestWithinOneSecondIsThrottled() {
        listTimes(newStream("quota-sixth"), 5);

        assertThatThrownBy(() -> media.listFragments(listing("quota-sixth")))
                .isInstanceOf(ClientLimitExceededException.class);
        assertThat(
                        EMULATOR.emulator()
                                .counters()
                                .throttled(Operation.LIST_FRAGMENTS, "quota-sixth"))
                .isEqualTo(1);
    }

    @Test
    void quotaFreesUpOneSecondLater() {
        listTimes(newStream("quota-later"), 5);
        CLOCK.advance(Duration.ofSeconds(1));

        listTimes("quota-later", 5);

        assertThat(EMULATOR.emulator().counters().throttled(Operation.LIST_FRAGMENTS)).isZero();
    }

    @Test
    void throttledRequestsDoNotUseUpTheQuota() {
        listTimes(newStream("quota-refused"), 5);
        CLOCK.advance(Duration.ofMillis(999));
        assertThatThrownBy(() -> media.listFragments(listing("quota-refused")))
                .isInstanceOf(ClientLimitExceededException.class);
        CLOCK.advance(Duration.ofMillis(1));

        listTimes("quota-refused", 5);
    }

    @Test
    void eachOperationHasItsOwnQuota() {
        listTimes(newStream("quota-operations"), 5);
        try (KinesisVideoClient control =
                KinesisVideoClient.builder()
                        .endpointOverride(EMULATOR.emulator().controlPlaneEndpoint())
                        .region(Region.of(EMULATOR.emulator().region()))
                        .credentialsProvider(EMULATOR.credentialsProvider())
                        .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                        .build()) {
            for (int i = 0; i < 5; i++) {
                control.getDataEndpoint(
                        r -> r.streamName("quota-operations").apiName(APIName.LIST_FRAGMENTS));
            }
        }

        assertThat(
                        EMULATOR.emulator()
                                .counters()
                                .requests(Operation.GET_DATA_ENDPOINT, "quota-operations"))
                .isEqualTo(5);
    }

    @Test
    void eachStreamHasItsOwnQuota() {
        listTimes(newStream("quota-stream-a"), 5);

        listTimes(newStream("quota-stream-b"), 5);

        assertThat(EMULATOR.emulator().counters().throttled(Operation.LIST_FRAGMENTS)).isZero();
    }

    @Test
    void quotaCutAtRuntimeAppliesToTheNextRequest() {
        listTimes(newStream("quota-cut"), 1);
        EMULATOR.emulator().faults().tpsPerStream(1);

        assertThatThrownBy(() -> media.listFragments(listing("quota-cut")))
                .isInstanceOf(ClientLimitExceededException.class);
    }

    @Test
    void quotaOfZeroMeansNoLimit() {
        EMULATOR.emulator().faults().tpsPerStream(Operation.LIST_FRAGMENTS, 0);

        listTimes(newStream("quota-off"), 50);

        assertThat(EMULATOR.emulator().counters().requests(Operation.LIST_FRAGMENTS, "quota-off"))
                .isEqualTo(50);
    }

    @Test
    void getDataEndpointBeyondTheAccountsQuotaIsThrottledWhateverTheStream() {
        EMULATOR.emulator().faults().dataEndpointTpsPerAccount(3);
        try (KinesisVideoClient control = controlPlane()) {
            for (int i = 0; i < 3; i++) {
                resolve(control, newStream("account-" + i));
            }
            String fourth = newStream("account-3");

            assertThatThrownBy(() -> resolve(control, fourth))
                    .isInstanceOfSatisfying(
                            software.amazon.awssdk.services.kinesisvideo.model
                                    .ClientLimitExceededException.class,
                            e -> {
                                assertThat(e.statusCode()).isEqualTo(400);
                                assertThat(
                                                e.awsErrorDetails()
                                                        .sdkHttpResponse()
                                                        .firstMatchingHeader("x-amzn-ErrorType"))
                                        .hasValueSatisfying(
                                                v ->
                                                        assertThat(v)
                                                                .startsWith(
                                                                        "ClientLimitExceededException"));
                                assertThat(e.awsErrorDetails().errorMessage())
                                        .contains("account", "limit is 3");
                            });
        }
        assertThat(
                        EMULATOR.emulator()
                                .counters()
                                .throttledByAccountQuota(Operation.GET_DATA_ENDPOINT))
                .isEqualTo(1);
    }

    @Test
    void theAccountsGetDataEndpointQuotaFreesUpOneSecondLater() {
        EMULATOR.emulator().faults().dataEndpointTpsPerAccount(2);
        try (KinesisVideoClient control = controlPlane()) {
            resolve(control, newStream("account-later-a"));
            resolve(control, newStream("account-later-b"));
            CLOCK.advance(Duration.ofSeconds(1));

            resolve(control, newStream("account-later-c"));
            resolve(control, "account-later-a");
        }
        assertThat(EMULATOR.emulator().counters().throttled(Operation.GET_DATA_ENDPOINT)).isZero();
    }

    @Test
    void aRequestTheAccountsQuotaRefusesDoesNotUseUpTheStreamsQuota() {
        EMULATOR.emulator().faults().dataEndpointTpsPerAccount(1);
        try (KinesisVideoClient control = controlPlane()) {
            resolve(control, newStream("account-refused-a"));
            String stream = newStream("account-refused-b");
            for (int i = 0; i < 5; i++) {
                assertThatThrownBy(() -> resolve(control, stream))
                        .isInstanceOf(
                                software.amazon.awssdk.services.kinesisvideo.model
                                        .ClientLimitExceededException.class);
            }
            CLOCK.advance(Duration.ofSeconds(1));
            EMULATOR.emulator().faults().dataEndpointTpsPerAccount(0);

            for (int i = 0; i < 5; i++) {
                resolve(control, stream);
            }
        }
    }

    @Test
    void listFragmentsHasNoAccountQuota() {
        EMULATOR.emulator().faults().dataEndpointTpsPerAccount(1);

        listTimes(newStream("account-list-a"), 5);
        listTimes(newStream("account-list-b"), 5);

        assertThat(EMULATOR.emulator().counters().throttled(Operation.LIST_FRAGMENTS)).isZero();
    }

    private static KinesisVideoClient controlPlane() {
        return KinesisVideoClient.builder()
                .endpointOverride(EMULATOR.emulator().controlPlaneEndpoint())
                .region(Region.of(EMULATOR.emulator().region()))
                .credentialsProvider(EMULATOR.credentialsProvider())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    private static void resolve(KinesisVideoClient control, String streamName) {
        control.getDataEndpoint(r -> r.streamName(streamName).apiName(APIName.LIST_FRAGMENTS));
    }
}
