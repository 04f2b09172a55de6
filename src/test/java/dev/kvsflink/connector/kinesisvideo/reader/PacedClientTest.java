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

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.client.RequestGate;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.TestMetrics;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PacedClientTest {

    private static final long MS = 1_000_000;
    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final StreamRef OTHER = StreamRef.ofName("cam-2");
    private static final ListFragmentsRequest LISTING = listing(CAM);
    private static final FragmentPage EMPTY = new FragmentPage(List.of(), null);
    private static final KinesisVideoServiceException THROTTLED =
            new KinesisVideoServiceException(
                    "ListFragments",
                    "cam-1",
                    "ClientLimitExceededException",
                    "the service's message",
                    "r-1",
                    400,
                    null);

    private final TestMetrics testMetrics = new TestMetrics();
    private final KinesisVideoSourceReaderMetrics metrics = testMetrics.metrics();
    private final List<ClientListener> listeners = new ArrayList<>();
    private final List<RequestGate> gates = new ArrayList<>();

    /** A clock that moves only when a pacer sleeps. */
    private final AtomicLong now = new AtomicLong();

    private final List<Long> sleeps = new ArrayList<>();

    @Test
    void theReaderMakesOneClientForAllItsCalls() throws Exception {
        ScriptedClient fake = new ScriptedClient(EMPTY);
        PacedClient client = client(fake, 5.0, 200, 2, Duration.ofMinutes(10));

        client.listFragments(LISTING);
        client.listFragments(listing(OTHER));

        assertThat(gates).hasSize(1);
        assertThat(fake.calls).isEqualTo(2);
    }

    @Test
    void closingTheReadersClientClosesIt() {
        ScriptedClient fake = new ScriptedClient(EMPTY);

        client(fake, 5.0, 200, 2, Duration.ofMinutes(10)).close();

        assertThat(fake.closed).isTrue();
    }

    @Test
    void waitsForItsStreamsTurnBeforeEveryCall() throws Exception {
        PacedClient client = client(new ScriptedClient(EMPTY), 4.0, 200, 1, Duration.ofMinutes(10));

        for (int i = 0; i < 3; i++) {
            client.listFragments(LISTING);
        }

        // 4 calls per second: the first goes at once, then 250 ms apart.
        assertThat(sleeps).containsExactly(250 * MS, 250 * MS);
    }

    @Test
    void throttlingThatOutlastsTheSdkRetriesIsResentUntilTheCallSucceeds() throws Exception {
        ScriptedClient fake = new ScriptedClient(THROTTLED, THROTTLED, THROTTLED, EMPTY);
        PacedClient client = client(fake, 4.0, 200, 1, Duration.ofMinutes(10));

        assertThat(client.listFragments(LISTING)).isSameAs(EMPTY);
        assertThat(fake.calls).isEqualTo(4);
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.LIST_FRAGMENTS_CALLS))
                .isEqualTo(4);
    }

    @Test
    void throttlingThatOutlastsTheThrottlingTimeoutFailsWithTheServicesError() {
        ScriptedClient fake = new ScriptedClient(THROTTLED);
        PacedClient client = client(fake, 4.0, 200, 1, Duration.ofSeconds(1));

        assertThatThrownBy(() -> client.listFragments(LISTING)).isSameAs(THROTTLED);
        // Resent every 250 ms on the pacer's clock until a second had passed since the first.
        assertThat(fake.calls).isEqualTo(5);
    }

    @Test
    void anErrorOtherThanThrottlingIsNotResent() {
        KinesisVideoServiceException notFound =
                new KinesisVideoServiceException(
                        "ListFragments", "cam-1", "ResourceNotFoundException", "m", "r", 404, null);
        ScriptedClient fake = new ScriptedClient(notFound, EMPTY);
        PacedClient client = client(fake, 4.0, 200, 1, Duration.ofMinutes(10));

        assertThatThrownBy(() -> client.listFragments(LISTING)).isSameAs(notFound);
        assertThat(fake.calls).isEqualTo(1);
    }

    @Test
    void aThrottledListFragmentsSlowsDownOnlyItsStream() {
        PacedClient client = client(new ScriptedClient(EMPTY), 4.0, 20, 2, Duration.ofMinutes(10));
        client.updateShares(java.util.Map.of("cam-1", 2.0, "cam-2", 2.0));

        listeners.get(0).throttled("ListFragments", CAM);

        assertThat(client.listFragmentsRate("cam-1")).isEqualTo(1.0);
        assertThat(client.listFragmentsRate("cam-2")).isEqualTo(2.0);
        assertThat(client.dataEndpointRate()).isEqualTo(10.0);
    }

    @Test
    void getDataEndpointCallsArePacedToTheReadersShareOfTheJobsBudget() throws Exception {
        client(new ScriptedClient(EMPTY), 4.0, 20, 2, Duration.ofMinutes(10));
        RequestGate gate = gates.get(0);

        for (int i = 0; i < 4; i++) {
            gate.awaitTurn();
        }

        // 20 calls per second for the job, 10 for each of the two readers.
        assertThat(sleeps).containsExactly(100 * MS, 100 * MS, 100 * MS);
    }

    @Test
    void aThrottledGetDataEndpointHalvesTheReadersPaceButNotTheListingsPace() {
        PacedClient client = client(new ScriptedClient(EMPTY), 4.0, 20, 2, Duration.ofMinutes(10));
        client.updateShares(java.util.Map.of("cam-1", 2.0));

        listeners.get(0).throttled("GetDataEndpoint", CAM);

        assertThat(client.dataEndpointRate()).isEqualTo(5.0);
        assertThat(client.listFragmentsRate("cam-1")).isEqualTo(2.0);
    }

    @Test
    void throttledCallsAreCounted() {
        client(new ScriptedClient(EMPTY), 4.0, 20, 2, Duration.ofMinutes(10));

        listeners.get(0).throttled("ListFragments", CAM);

        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.THROTTLED_CALLS))
                .isEqualTo(1);
    }

    // ------------------------------------------------------------------------

    private PacedClient client(
            KinesisVideoFragmentClient fake,
            double listFragmentsBudget,
            double dataEndpointBudget,
            int parallelism,
            Duration throttlingTimeout) {
        return new PacedClient(
                (listener, gate) -> {
                    listeners.add(listener);
                    gates.add(gate);
                    return fake;
                },
                metrics,
                listFragmentsBudget,
                dataEndpointBudget,
                parallelism,
                throttlingTimeout,
                now::get,
                nanos -> {
                    sleeps.add(nanos);
                    now.addAndGet(nanos);
                });
    }

    private static ListFragmentsRequest listing(StreamRef stream) {
        return new ListFragmentsRequest(
                stream,
                FragmentSelectorType.SERVER_TIMESTAMP,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T01:00:00Z"),
                1000,
                null);
    }

    /** Plays its answers in order, then repeats the last one. */
    private static final class ScriptedClient implements KinesisVideoFragmentClient {
        private final List<Object> answers;
        int calls;
        boolean closed;

        ScriptedClient(Object... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public FragmentPage listFragments(ListFragmentsRequest request) {
            Object answer = answers.get(Math.min(calls++, answers.size() - 1));
            if (answer instanceof RuntimeException) {
                throw (RuntimeException) answer;
            }
            return (FragmentPage) answer;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
