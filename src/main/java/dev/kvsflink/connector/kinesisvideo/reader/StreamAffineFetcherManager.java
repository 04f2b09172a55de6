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

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.apache.flink.util.Preconditions.checkArgument;

/**
 * Spreads a reader's windows over up to {@code source.reader.fetch-threads} fetchers, each a thread
 * with its own {@link FragmentWindowSplitReader}, so that one reader has a {@code ListFragments}
 * call in flight to several streams at once: a fetcher makes its calls one after another, and with
 * tens of milliseconds of latency per call one fetcher cannot keep several streams at their budget.
 *
 * <p>A window goes to the fetcher that already holds a window of its stream, so one stream's calls
 * from this reader stay one at a time and in turn order (its pacer is shared by all fetchers, but a
 * stream never has two calls of one reader in flight). Otherwise it goes to a new fetcher while
 * there are fewer than the maximum, else to the fetcher holding the fewest windows. A split never
 * moves between fetchers, so its pages and records stay in order.
 *
 * <p>Threading: {@code addSplits}, {@code removeSplits} and {@link #splitsFinished} run on the task
 * thread, as does the base class's shutdown of idle fetchers.
 */
@Internal
final class StreamAffineFetcherManager
        extends SplitFetcherManager<FetchedElement, FragmentWindowSplit> {

    private final int maxFetchers;

    /** The fetcher and stream of each split handed to a fetcher and not finished yet. */
    private final Map<String, Placement> placements = new HashMap<>();

    public StreamAffineFetcherManager(
            Supplier<SplitReader<FetchedElement, FragmentWindowSplit>> splitReaderSupplier,
            Configuration config,
            int maxFetchers) {
        super(splitReaderSupplier, config);
        checkArgument(maxFetchers >= 1, "maxFetchers must be >= 1, was %s", maxFetchers);
        this.maxFetchers = maxFetchers;
    }

    @Override
    public void addSplits(List<FragmentWindowSplit> splitsToAdd) {
        forgetStoppedFetchers();
        Map<SplitFetcher<FetchedElement, FragmentWindowSplit>, List<FragmentWindowSplit>> batches =
                new LinkedHashMap<>();
        List<SplitFetcher<FetchedElement, FragmentWindowSplit>> created = new ArrayList<>();
        for (FragmentWindowSplit split : splitsToAdd) {
            SplitFetcher<FetchedElement, FragmentWindowSplit> fetcher = fetcherFor(split);
            if (fetcher == null) {
                fetcher = createSplitFetcher();
                created.add(fetcher);
            }
            placements.put(
                    split.splitId(), new Placement(fetcher.fetcherId(), split.stream().id()));
            batches.computeIfAbsent(fetcher, f -> new ArrayList<>()).add(split);
        }
        batches.forEach(SplitFetcher::addSplits);
        // As SingleThreadFetcherManager does: the splits are in before the thread starts.
        created.forEach(this::startFetcher);
    }

    @Override
    public void removeSplits(List<FragmentWindowSplit> splitsToRemove) {
        Map<Integer, List<FragmentWindowSplit>> byFetcher = new HashMap<>();
        for (FragmentWindowSplit split : splitsToRemove) {
            Placement placement = placements.remove(split.splitId());
            if (placement != null) {
                byFetcher
                        .computeIfAbsent(placement.fetcherId(), id -> new ArrayList<>())
                        .add(split);
            }
        }
        byFetcher.forEach(
                (id, splits) -> {
                    SplitFetcher<FetchedElement, FragmentWindowSplit> fetcher = fetchers.get(id);
                    if (fetcher != null) {
                        fetcher.removeSplits(splits);
                    }
                });
    }

    /** Task thread: these splits are done; their fetchers may take other streams. */
    public void splitsFinished(Collection<String> splitIds) {
        splitIds.forEach(placements::remove);
    }

    /** How many of the held splits each fetcher has, by fetcher id. */
    @VisibleForTesting
    Map<Integer, List<String>> splitsByFetcher() {
        Map<Integer, List<String>> result = new HashMap<>();
        placements.forEach(
                (splitId, p) ->
                        result.computeIfAbsent(p.fetcherId(), id -> new ArrayList<>())
                                .add(splitId));
        return result;
    }

    /** An existing fetcher for {@code split}, or null when a new one should be created. */
    @Nullable
    private SplitFetcher<FetchedElement, FragmentWindowSplit> fetcherFor(
            FragmentWindowSplit split) {
        Map<Integer, Integer> load = new HashMap<>();
        fetchers.keySet().forEach(id -> load.put(id, 0));
        for (Placement placement : placements.values()) {
            if (placement.streamId().equals(split.stream().id())) {
                return fetchers.get(placement.fetcherId());
            }
            load.merge(placement.fetcherId(), 1, Integer::sum);
        }
        if (fetchers.size() < maxFetchers) {
            return null;
        }
        int leastLoaded = -1;
        for (Map.Entry<Integer, Integer> entry : load.entrySet()) {
            if (leastLoaded < 0
                    || entry.getValue() < load.get(leastLoaded)
                    || (entry.getValue().equals(load.get(leastLoaded))
                            && entry.getKey() < leastLoaded)) {
                leastLoaded = entry.getKey();
            }
        }
        return fetchers.get(leastLoaded);
    }

    /** The base class shuts idle fetchers down; their splits, if any were left, went with them. */
    private void forgetStoppedFetchers() {
        placements.values().removeIf(p -> !fetchers.containsKey(p.fetcherId()));
    }

    private record Placement(int fetcherId, String streamId) {}
}
