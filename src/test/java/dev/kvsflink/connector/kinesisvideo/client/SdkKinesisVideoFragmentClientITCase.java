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

import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.client.testutils.RecordingListener;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatorCounters;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.ManualClock;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.FaultsUntilCounted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SdkKinesisVideoFragmentClient} against the project's KVS emulator over HTTP, with SigV4
 * signatures checked: the real SDK, the real wire protocol, the emulator's quotas and faults.
 */
class SdkKinesisVideoFragmentClientITCase {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(
                    b -> b.seed(7).shortPageProbability(0.3).emptyPageProbability(0.2));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T01:00:00Z");

    /** 600 fragments every 2 s from {@link #START}: 20 minutes, all inside [START, END]. */
    private static final SyntheticStreamSpec SIX_HUNDRED =
            SyntheticStreamSpec.builder().seed(3).fragments(600).start(START).build();

    private final RecordingListener listener = new RecordingListener();

    @Test
    void readsEveryFragmentOfTheRangeAcrossShortAndEmptyPages() throws Exception {
        String stream = synthetic("pages");
        emulator().faults().tpsPerStream(0);

        try (KinesisVideoFragmentClient client = client(o -> {})) {
            List<FragmentPage> pages = readAll(client, StreamRef.ofName(stream));

            assertThat(numbers(pages)).containsExactlyInAnyOrderElementsOf(groundTruth(stream));
            assertThat(pages)
                    .as("some page is empty yet carries a token")
                    .anySatisfy(
                            p -> {
                                assertThat(p.fragments()).isEmpty();
                                assertThat(p.hasNextPage()).isTrue();
                            });
            assertThat(pages)
                    .as("some page is short yet carries a token")
                    .anySatisfy(
                            p -> {
                                assertThat(p.fragments()).isNotEmpty().hasSizeLessThan(50);
                                assertThat(p.hasNextPage()).isTrue();
                            });
        }
    }

    @Test
    void getDataEndpointIsCalledOncePerStreamAndCached() throws Exception {
        String first = synthetic("cached-1");
        String second = synthetic("cached-2");
        emulator().faults().tpsPerStream(0);

        try (KinesisVideoFragmentClient client = client(o -> {})) {
            readAll(client, StreamRef.ofName(first));
            readAll(client, StreamRef.ofName(second));
            readAll(client, StreamRef.ofName(first));
        }

        assertThat(emulator().counters().requests(Operation.GET_DATA_ENDPOINT, first)).isEqualTo(1);
        assertThat(emulator().counters().requests(Operation.GET_DATA_ENDPOINT, second))
                .isEqualTo(1);
        assertThat(emulator().counters().requests(Operation.LIST_FRAGMENTS, first))
                .isGreaterThan(2);
    }

    @Test
    void streamGivenByArnIsListedByArnAndItsFragmentsCarryTheArn() throws Exception {
        String stream = synthetic("by-arn");
        String arn = emulator().streamArn(stream);
        emulator().faults().tpsPerStream(0);

        try (KinesisVideoFragmentClient client = client(o -> {})) {
            List<FragmentPage> byArn = readAll(client, StreamRef.ofArn(arn));
            List<FragmentPage> byName = readAll(client, StreamRef.ofName(stream));

            assertThat(numbers(byArn)).containsExactlyInAnyOrderElementsOf(numbers(byName));
            assertThat(byArn.stream().flatMap(p -> p.fragments().stream()))
                    .isNotEmpty()
                    .allSatisfy(
                            f -> {
                                assertThat(f.streamArn()).isEqualTo(arn);
                                assertThat(f.streamName()).isEqualTo(stream);
                            });
            // The first page may be empty (the emulator's empty pages): check every fragment.
            assertThat(byName.stream().flatMap(p -> p.fragments().stream()))
                    .allSatisfy(f -> assertThat(f.streamArn()).isNull());
        }
    }

    @Test
    void fragmentFieldsMatchTheService() throws Exception {
        String stream = synthetic("fields");
        emulator().faults().tpsPerStream(0);
        Map<String, EmulatedFragment> truth = new HashMap<>();
        emulator()
                .groundTruth(stream, SelectorType.SERVER_TIMESTAMP, START, END)
                .forEach(f -> truth.put(f.fragmentNumber(), f));

        try (KinesisVideoFragmentClient client = client(o -> {})) {
            for (FragmentPage page : readAll(client, StreamRef.ofName(stream))) {
                for (KinesisVideoFragment f : page.fragments()) {
                    EmulatedFragment expected = truth.get(f.fragmentNumber());
                    assertThat(f.fragmentSizeInBytes()).isEqualTo(expected.fragmentSizeInBytes());
                    assertThat(f.producerTimestamp()).isEqualTo(expected.producerTimestamp());
                    assertThat(f.serverTimestamp()).isEqualTo(expected.serverTimestamp());
                    assertThat(f.fragmentLengthInMilliseconds())
                            .isEqualTo(expected.fragmentLengthInMilliseconds());
                }
            }
        }
    }

    @Test
    void throttledGetDataEndpointIsRetriedUntilTheEndpointIsResolved() throws Exception {
        String stream = synthetic("throttled-endpoint");
        EmulatorCounters counters = emulator().counters();
        // Every GetDataEndpoint call is throttled until this many were, however long each call
        // takes: a quota of 1 call/s is not exceeded when a loaded machine makes calls slower.
        emulator()
                .faults()
                .tpsPerStream(0)
                .throttleFraction(1.0)
                .onlyFor(Operation.GET_DATA_ENDPOINT);

        try (FaultsUntilCounted throttles =
                        FaultsUntilCounted.lift(() -> emulator().faults().throttleFraction(0))
                                .once(
                                        () -> counters.errors(CLIENT_LIMIT_EXCEEDED),
                                        THROTTLED_ENDPOINT_CALLS);
                KinesisVideoFragmentClient client = client(o -> {})) {
            assertThat(numbers(readAll(client, StreamRef.ofName(stream))))
                    .containsExactlyInAnyOrderElementsOf(groundTruth(stream));
        }

        // Only GetDataEndpoint is throttled: every throttled answer went to it, then one got the
        // endpoint; the SDK saw each throttled answer and retried it.
        long throttled = counters.errors(CLIENT_LIMIT_EXCEEDED);
        assertThat(throttled).isGreaterThanOrEqualTo(THROTTLED_ENDPOINT_CALLS);
        assertThat(counters.requests(Operation.GET_DATA_ENDPOINT)).isEqualTo(throttled + 1);
        assertThat(counters.requests(Operation.GET_DATA_ENDPOINT, stream)).isEqualTo(1);
        assertThat(listener.count("throttled GetDataEndpoint " + stream)).isEqualTo(throttled);
        assertThat(listener.count("retried GetDataEndpoint " + stream)).isEqualTo(throttled);
    }

    @Test
    void serverErrorsAndClosedConnectionsAreRetriedUntilTheRangeIsReadExactly() throws Exception {
        String stream = synthetic("faulty");
        emulator()
                .faults()
                .tpsPerStream(0)
                .http500Fraction(0.15)
                .http503Fraction(0.15)
                .closeConnectionFraction(0.15)
                .onlyFor(Operation.LIST_FRAGMENTS);

        try (KinesisVideoFragmentClient client = client(o -> {})) {
            List<FragmentPage> pages = readAll(client, StreamRef.ofName(stream));

            assertThat(numbers(pages)).containsExactlyInAnyOrderElementsOf(groundTruth(stream));
        }
        assertThat(emulator().counters().faulted()).isPositive();
        assertThat(listener.retryReasons()).hasSize((int) emulator().counters().faulted());
        assertThat(listener.retryReasons())
                .anyMatch(r -> r.contains("HTTP 500"))
                .anyMatch(r -> r.contains("HTTP 503"))
                .anyMatch(r -> r.contains("no answer"));
    }

    @Test
    void dataEndpointIsResolvedAgainAfterTheDataPlaneStopsAnswering() throws Exception {
        String stream = synthetic("reresolve");
        emulator().faults().tpsPerStream(0);

        try (KinesisVideoFragmentClient client = client(o -> o.put(ATTEMPTS, "2"))) {
            client.listFragments(firstPage(StreamRef.ofName(stream)));
            emulator().faults().closeConnectionFraction(1.0).onlyFor(Operation.LIST_FRAGMENTS);

            assertThatThrownBy(() -> client.listFragments(firstPage(StreamRef.ofName(stream))))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.errorType()).isEqualTo("SdkClientException");
                                assertThat(e.statusCode()).isZero();
                            });
            emulator().faults().closeConnectionFraction(0);
            client.listFragments(firstPage(StreamRef.ofName(stream)));
        }

        assertThat(emulator().counters().requests(Operation.GET_DATA_ENDPOINT, stream))
                .isEqualTo(2);
    }

    @Test
    void dataEndpointIsResolvedAgainAfterAStreakOfServerErrors() throws Exception {
        String stream = synthetic("reresolve-5xx");
        emulator().faults().tpsPerStream(0);

        try (KinesisVideoFragmentClient client = client(o -> o.put(ATTEMPTS, "3"))) {
            client.listFragments(firstPage(StreamRef.ofName(stream)));
            emulator().faults().http503Fraction(1.0).onlyFor(Operation.LIST_FRAGMENTS);

            assertThatThrownBy(() -> client.listFragments(firstPage(StreamRef.ofName(stream))))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.errorType()).isEqualTo("ServiceUnavailable");
                                assertThat(e.statusCode()).isEqualTo(503);
                                assertThat(e.requestId()).isNotBlank();
                            });
            emulator().faults().http503Fraction(0);
            client.listFragments(firstPage(StreamRef.ofName(stream)));
        }

        assertThat(emulator().counters().requests(Operation.GET_DATA_ENDPOINT, stream))
                .isEqualTo(2);
    }

    @Test
    void unknownStreamFailsWithResourceNotFound() throws Exception {
        try (KinesisVideoFragmentClient client = client(o -> {})) {
            assertThatThrownBy(() -> client.listFragments(firstPage(StreamRef.ofName("nope"))))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.operation()).isEqualTo("GetDataEndpoint");
                                assertThat(e.stream()).isEqualTo("nope");
                                assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
                                assertThat(e.statusCode()).isEqualTo(404);
                                assertThat(e.requestId()).isNotBlank();
                                assertThat(e.getMessage()).contains(e.requestId()).contains("nope");
                            });
        }
    }

    @Test
    void invalidTokenFailsWithInvalidArgumentWithoutShowingTheToken() throws Exception {
        String stream = synthetic("bad-token");
        String token = "Zm9yZ2VkLXRva2VuLW5vdC1mcm9tLXRoZS1zZXJ2aWNl";

        try (KinesisVideoFragmentClient client = client(o -> {})) {
            assertThatThrownBy(
                            () ->
                                    client.listFragments(
                                            firstPage(StreamRef.ofName(stream))
                                                    .withNextToken(token)))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.operation()).isEqualTo("ListFragments");
                                assertThat(e.errorType()).isEqualTo("InvalidArgumentException");
                                assertThat(e.statusCode()).isEqualTo(400);
                                assertThat(e.requestId()).isNotBlank();
                                assertThat(e.getMessage()).contains("NextToken");
                                assertThat(e.toString()).doesNotContain(token);
                            });
        }
    }

    @Test
    void throttledListFragmentsFailsAtOnceSoThatItsCallerResendsItAtItsOwnPace() throws Exception {
        // A clock that never moves: once the quota is used, every later call is throttled.
        try (KinesisVideoEmulator frozen =
                        KinesisVideoEmulator.builder()
                                .seed(7)
                                .clock(new ManualClock(START))
                                .tpsPerStream(1)
                                .build()
                                .start();
                KinesisVideoFragmentClient client = client(frozen, o -> o.put(ATTEMPTS, "3"))) {
            frozen.addSyntheticStream("storm", SIX_HUNDRED);
            client.listFragments(firstPage(StreamRef.ofName("storm")));

            assertThatThrownBy(() -> client.listFragments(firstPage(StreamRef.ofName("storm"))))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.errorType()).isEqualTo("ClientLimitExceededException");
                                assertThat(e.isThrottling()).isTrue();
                                assertThat(e.statusCode()).isEqualTo(400);
                                assertThat(e.stream()).isEqualTo("storm");
                                assertThat(e.requestId()).isNotBlank();
                            });
            assertThat(frozen.counters().throttled(Operation.LIST_FRAGMENTS, "storm")).isEqualTo(1);
        }
    }

    @Test
    void wrongSecretKeyFailsWithNotAuthorizedWithoutShowingTheSecret() throws Exception {
        String stream = synthetic("wrong-secret");
        String wrongSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET";

        try (KinesisVideoFragmentClient client =
                client(o -> o.put("aws.credentials.basic.secretkey", wrongSecret))) {
            assertThatThrownBy(() -> client.listFragments(firstPage(StreamRef.ofName(stream))))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.operation()).isEqualTo("GetDataEndpoint");
                                assertThat(e.errorType()).isEqualTo("NotAuthorizedException");
                                assertThat(e.statusCode()).isEqualTo(401);
                                assertThat(e.getMessage()).contains("signature");
                                assertThat(e.toString()).doesNotContain(wrongSecret);
                            });
            assertThat(client.toString()).doesNotContain(wrongSecret);
        }
    }

    @Test
    void interruptWhileRetryingThrowsInterruptedException() throws Exception {
        String stream = synthetic("interrupted");
        emulator().faults().tpsPerStream(0).http503Fraction(1.0).onlyFor(Operation.LIST_FRAGMENTS);

        // Long backoffs, so the interrupt lands in a backoff or an attempt, never after the last.
        try (KinesisVideoFragmentClient client =
                client(
                        o -> {
                            o.put(ATTEMPTS, "50");
                            o.put("aws.retry-strategy.delay.base", "1 s");
                            o.put("aws.retry-strategy.delay.max", "60 s");
                        })) {
            CompletableFuture<Thread> caller = new CompletableFuture<>();
            CompletableFuture<FragmentPage> result =
                    CompletableFuture.supplyAsync(
                            () -> {
                                caller.complete(Thread.currentThread());
                                try {
                                    return client.listFragments(
                                            firstPage(StreamRef.ofName(stream)));
                                } catch (InterruptedException e) {
                                    throw new IllegalStateException("interrupted", e);
                                }
                            });

            listener.awaitRetries(1);
            caller.get().interrupt();

            assertThatThrownBy(result::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .hasMessage("interrupted")
                    .cause()
                    .isInstanceOf(InterruptedException.class)
                    .hasMessageContaining(stream);
        }
    }

    private static final String ATTEMPTS = "aws.retry-strategy.attempts.max";
    private static final String CLIENT_LIMIT_EXCEEDED = "ClientLimitExceededException";
    private static final int THROTTLED_ENDPOINT_CALLS = 3;

    private static KinesisVideoEmulator emulator() {
        return EMULATOR.emulator();
    }

    /** A synthetic stream of 600 fragments named after the test. */
    private static String synthetic(String name) {
        emulator().addSyntheticStream(name, SIX_HUNDRED);
        return name;
    }

    private KinesisVideoFragmentClient client(Consumer<Map<String, String>> options) {
        return client(emulator(), options);
    }

    private KinesisVideoFragmentClient client(
            KinesisVideoEmulator emulator, Consumer<Map<String, String>> overrides) {
        Map<String, String> options = new HashMap<>();
        options.put("aws.region", emulator.region());
        options.put("aws.endpoint", emulator.controlPlaneEndpoint().toString());
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", emulator.accessKey());
        options.put("aws.credentials.basic.secretkey", emulator.secretKey());
        options.put(ATTEMPTS, "20");
        options.put("aws.retry-strategy.delay.base", "20 ms");
        options.put("aws.retry-strategy.delay.max", "1 s");
        overrides.accept(options);
        return SdkKinesisVideoFragmentClient.factory(Configuration.fromMap(options))
                .create(listener);
    }

    private static ListFragmentsRequest firstPage(StreamRef stream) {
        return new ListFragmentsRequest(
                stream, FragmentSelectorType.SERVER_TIMESTAMP, START, END, 50, null);
    }

    /** Every page of the range, following the tokens. */
    private static List<FragmentPage> readAll(KinesisVideoFragmentClient client, StreamRef stream)
            throws InterruptedException {
        List<FragmentPage> pages = new ArrayList<>();
        ListFragmentsRequest request = firstPage(stream);
        do {
            FragmentPage page = client.listFragments(request);
            pages.add(page);
            request = request.withNextToken(page.nextToken());
        } while (request.nextToken() != null);
        return pages;
    }

    private static List<String> numbers(List<FragmentPage> pages) {
        return pages.stream()
                .flatMap(p -> p.fragments().stream())
                .map(KinesisVideoFragment::fragmentNumber)
                .toList();
    }

    private static List<String> groundTruth(String stream) {
        List<String> numbers =
                emulator().groundTruth(stream, SelectorType.SERVER_TIMESTAMP, START, END).stream()
                        .map(EmulatedFragment::fragmentNumber)
                        .toList();
        assertThat(numbers).as("the whole stream is in the range").isNotEmpty();
        return numbers;
    }
}
