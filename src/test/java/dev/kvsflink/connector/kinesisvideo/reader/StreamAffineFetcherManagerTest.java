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

import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.SERVER_TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;

class StreamAffineFetcherManagerTest {

    private final AtomicInteger splitReadersCreated = new AtomicInteger();
    private StreamAffineFetcherManager manager;

    @AfterEach
    void close() throws Exception {
        if (manager != null) {
            manager.close(10_000);
        }
    }

    @Test
    void putsEachStreamOnItsOwnFetcherUpToTheMaximum() {
        manager = manager(3);

        manager.addSplits(List.of(window("a", 0), window("b", 0), window("c", 0)));

        assertThat(groups()).containsExactlyInAnyOrder(Set.of("a0"), Set.of("b0"), Set.of("c0"));
        assertThat(splitReadersCreated).hasValue(3);
    }

    @Test
    void keepsTheWindowsOfOneStreamOnOneFetcher() {
        manager = manager(3);
        manager.addSplits(List.of(window("a", 0)));

        manager.addSplits(List.of(window("b", 0), window("a", 1)));

        assertThat(groups()).containsExactlyInAnyOrder(Set.of("a0", "a1"), Set.of("b0"));
    }

    @Test
    void atTheMaximumAnotherStreamJoinsTheFetcherHoldingTheFewestWindows() {
        manager = manager(2);
        manager.addSplits(List.of(window("a", 0), window("a", 1), window("b", 0)));

        manager.addSplits(List.of(window("c", 0)));

        assertThat(groups()).containsExactlyInAnyOrder(Set.of("a0", "a1"), Set.of("b0", "c0"));
        assertThat(splitReadersCreated).hasValue(2);
    }

    @Test
    void aFinishedWindowNoLongerTiesItsStreamToItsFetcher() {
        manager = manager(2);
        manager.addSplits(List.of(window("a", 0), window("b", 0), window("b", 1)));
        manager.splitsFinished(List.of(id("b", 0), id("b", 1)));

        manager.addSplits(List.of(window("c", 0), window("a", 1)));

        assertThat(groups()).containsExactlyInAnyOrder(Set.of("a0", "a1"), Set.of("c0"));
    }

    @Test
    void withOneFetcherEveryWindowGoesToIt() {
        manager = manager(1);

        manager.addSplits(List.of(window("a", 0), window("b", 0), window("c", 0)));

        assertThat(groups()).containsExactly(Set.of("a0", "b0", "c0"));
        assertThat(splitReadersCreated).hasValue(1);
    }

    // ------------------------------------------------------------------------

    private StreamAffineFetcherManager manager(int maxFetchers) {
        return new StreamAffineFetcherManager(
                () -> {
                    splitReadersCreated.incrementAndGet();
                    return new IdleSplitReader();
                },
                new Configuration(),
                maxFetchers);
    }

    /** The splits of each fetcher, as short names ("a0" for stream a's window 0). */
    private List<Set<String>> groups() {
        Map<Integer, List<String>> byFetcher = manager.splitsByFetcher();
        return byFetcher.values().stream()
                .map(
                        ids ->
                                ids.stream()
                                        .map(StreamAffineFetcherManagerTest::shortName)
                                        .collect(Collectors.toSet()))
                .collect(Collectors.toList());
    }

    private static FragmentWindowSplit window(String stream, int index) {
        return FragmentWindowSplit.of(
                StreamRef.ofName(stream), SERVER_TIMESTAMP, index * 1_000L, (index + 1) * 1_000L);
    }

    private static String id(String stream, int index) {
        return window(stream, index).splitId();
    }

    private static String shortName(String splitId) {
        for (String stream : List.of("a", "b", "c")) {
            for (int index = 0; index < 2; index++) {
                if (id(stream, index).equals(splitId)) {
                    return stream + index;
                }
            }
        }
        throw new AssertionError("unexpected split " + splitId);
    }

    /** Fetches nothing: waits until woken up, so the fetchers stay busy and never idle. */
    private static final class IdleSplitReader
            implements SplitReader<FetchedElement, FragmentWindowSplit> {
        private final Object lock = new Object();
        private boolean wokenUp;

        @Override
        public RecordsWithSplitIds<FetchedElement> fetch() {
            synchronized (lock) {
                while (!wokenUp) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                wokenUp = false;
            }
            return new RecordsBySplits<>(Collections.emptyMap(), Collections.emptySet());
        }

        @Override
        public void handleSplitsChanges(SplitsChange<FragmentWindowSplit> splitsChanges) {}

        @Override
        public void wakeUp() {
            synchronized (lock) {
                wokenUp = true;
                lock.notifyAll();
            }
        }

        @Override
        public void close() {}
    }
}
