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
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.client.RequestGate;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.FakeFragmentClient;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ReaderClientTest {

    private static final long MS = 1_000_000;
    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final ListFragmentsRequest LISTING =
            new ListFragmentsRequest(
                    CAM,
                    FragmentSelectorType.SERVER_TIMESTAMP,
                    Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-01-01T01:00:00Z"),
                    1000,
                    null);

    private final FakeFragmentClient fake = new FakeFragmentClient(List.of(), ClientListener.NO_OP);
    private final List<ClientListener> listeners = new ArrayList<>();
    private final List<RequestGate> gates = new ArrayList<>();

    /** A clock that moves only when the pacer sleeps. */
    private final AtomicLong now = new AtomicLong();

    private final List<Long> sleeps = new ArrayList<>();

    private ReaderClient client(double budget, int parallelism) {
        return new ReaderClient(
                (listener, gate) -> {
                    listeners.add(listener);
                    gates.add(gate);
                    return fake;
                },
                ClientListener.NO_OP,
                budget,
                parallelism,
                now::get,
                nanos -> {
                    sleeps.add(nanos);
                    now.addAndGet(nanos);
                });
    }

    @Test
    void everyFetcherGetsTheOneClientOfTheReader() throws Exception {
        ReaderClient client = client(200, 2);

        KinesisVideoFragmentClient first = client.forFetcher();
        KinesisVideoFragmentClient second = client.forFetcher();
        first.listFragments(LISTING);
        second.listFragments(LISTING);

        assertThat(gates).hasSize(1);
        assertThat(fake.requests()).hasSize(2);
    }

    @Test
    void aFetcherClosingItsClientLeavesItOpenForTheOthers() {
        ReaderClient client = client(200, 2);

        client.forFetcher().close();

        assertThat(fake.isClosed()).isFalse();
    }

    @Test
    void closingTheReadersClientClosesIt() {
        client(200, 2).close();

        assertThat(fake.isClosed()).isTrue();
    }

    @Test
    void getDataEndpointCallsArePacedToTheReadersShareOfTheJobsBudget() throws Exception {
        client(20, 2);
        RequestGate gate = gates.get(0);

        for (int i = 0; i < 4; i++) {
            gate.awaitTurn();
        }

        // 20 calls per second for the job, 10 for each of the two readers.
        assertThat(sleeps).containsExactly(100 * MS, 100 * MS, 100 * MS);
    }

    @Test
    void aThrottledGetDataEndpointHalvesTheReadersPace() {
        ReaderClient client = client(20, 2);

        listeners.get(0).throttled("GetDataEndpoint", CAM);

        assertThat(client.dataEndpointRate()).isEqualTo(5.0);
    }

    @Test
    void aThrottledListFragmentsLeavesTheGetDataEndpointPaceAlone() {
        ReaderClient client = client(20, 2);

        listeners.get(0).throttled("ListFragments", CAM);

        assertThat(client.dataEndpointRate()).isEqualTo(10.0);
    }
}
