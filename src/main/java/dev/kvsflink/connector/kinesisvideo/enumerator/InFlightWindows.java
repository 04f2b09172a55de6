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

package dev.kvsflink.connector.kinesisvideo.enumerator;

import org.apache.flink.annotation.Internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The windows assigned and not completed, by stream and by the subtask that holds them, and each
 * subtask's share of a stream's request budget: {@code budget × (its windows of the stream / all
 * in-flight windows of the stream)}. The shares of one stream always add up to the budget, so
 * however many readers list a stream, together they stay under it; a single reader on a stream gets
 * the whole budget.
 *
 * <p>Not checkpointed: after a restore, windows restored inside readers are not known until they
 * complete (those readers pace them with a fallback share, budget / parallelism). Coordinator
 * thread only.
 */
@Internal
final class InFlightWindows {

    /** Per stream id: split id to the subtask holding it. */
    private final Map<String, Map<String, Integer>> holders = new HashMap<>();

    void add(String streamId, String splitId, int subtask) {
        holders.computeIfAbsent(streamId, k -> new HashMap<>()).put(splitId, subtask);
    }

    /** Removes a window; returns the subtask that held it, or null if it was not known. */
    Integer remove(String streamId, String splitId) {
        Map<String, Integer> windows = holders.get(streamId);
        if (windows == null) {
            return null;
        }
        Integer subtask = windows.remove(splitId);
        if (windows.isEmpty()) {
            holders.remove(streamId);
        }
        return subtask;
    }

    int count(String streamId) {
        Map<String, Integer> windows = holders.get(streamId);
        return windows == null ? 0 : windows.size();
    }

    /** The subtasks that hold windows of {@code streamId}. */
    Set<Integer> holdersOf(String streamId) {
        Map<String, Integer> windows = holders.get(streamId);
        return windows == null ? Set.of() : new HashSet<>(windows.values());
    }

    /**
     * The shares of {@code subtask}, by stream id (sorted, for readable logs): each stream's
     * budget, less what {@code fixed} keeps for the subtasks it names, divided among the other
     * holders by the windows they hold. But never less than the part of the budget its windows are
     * of the stream's: a fixed share above its own part (its holder could not be told that another
     * window started) would otherwise starve the others; the stream is then over its budget, slowed
     * down by throttling, until the fixed holder's windows complete.
     *
     * @param fixed the shares of the subtasks that can be told nothing more, which keep them
     */
    Map<String, Double> sharesOf(
            int subtask, double budget, Map<Integer, Map<String, Double>> fixed) {
        Map<String, Double> shares = new TreeMap<>();
        holders.forEach(
                (stream, windows) -> {
                    long mine = windows.values().stream().filter(s -> s == subtask).count();
                    if (mine == 0) {
                        return;
                    }
                    Set<Integer> fixedHolders = new HashSet<>(windows.values());
                    fixedHolders.retainAll(fixed.keySet());
                    double kept = 0;
                    for (int holder : fixedHolders) {
                        kept += fixed.get(holder).getOrDefault(stream, 0.0);
                    }
                    long shared =
                            windows.values().stream().filter(s -> !fixed.containsKey(s)).count();
                    double fair = budget * mine / windows.size();
                    shares.put(stream, Math.max(fair, (budget - kept) * mine / shared));
                });
        return shares;
    }
}
