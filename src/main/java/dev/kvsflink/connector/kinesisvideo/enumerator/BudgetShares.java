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
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import dev.kvsflink.connector.kinesisvideo.event.StreamBudgetEvent;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The readers' shares of each stream's {@code ListFragments} budget, by the windows they hold
 * ({@link InFlightWindows#sharesOf}), and the {@link StreamBudgetEvent}s that tell them: only
 * changes are sent. A reader told that no split will come is sent nothing more, as it may have
 * finished: it keeps the shares it has, and the other readers share the rest.
 *
 * <p>Used on the coordinator thread only.
 */
@Internal
final class BudgetShares {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetShares.class);

    private final SplitEnumeratorContext<FragmentWindowSplit> context;
    private final InFlightWindows inFlight;
    private final Set<Integer> signalledNoMoreSplits;
    private final double listFragmentsBudget;

    /** The shares last sent to each subtask, so that only changes are sent. */
    private final Map<Integer, Map<String, Double>> sentShares = new HashMap<>();

    /**
     * @param inFlight the windows held, read when shares are sent
     * @param signalledNoMoreSplits the subtasks told that no split will come, read likewise
     * @param listFragmentsBudget the calls per second the job may send to one stream
     */
    BudgetShares(
            SplitEnumeratorContext<FragmentWindowSplit> context,
            InFlightWindows inFlight,
            Set<Integer> signalledNoMoreSplits,
            double listFragmentsBudget) {
        this.context = checkNotNull(context, "context must not be null");
        this.inFlight = checkNotNull(inFlight, "inFlight must not be null");
        this.signalledNoMoreSplits = checkNotNull(signalledNoMoreSplits, "signalledNoMoreSplits");
        this.listFragmentsBudget = listFragmentsBudget;
    }

    /** {@code subtask} failed: its restart starts without shares, so new ones must be sent. */
    void forget(int subtask) {
        sentShares.remove(subtask);
    }

    /**
     * Sends their new shares to the readers of {@code streamId} whose shares changed. A reader that
     * no longer holds a window of the stream is not told: it makes no more calls to it. Nor is a
     * reader told that no split will come: it may have finished while the report of its last window
     * is on its way, and Flink fails the job over an event sent to a finished task.
     */
    void send(String streamId) {
        Map<Integer, Map<String, Double>> fixed = new HashMap<>();
        for (int subtask : signalledNoMoreSplits) {
            fixed.put(subtask, sentShares.getOrDefault(subtask, Map.of()));
        }
        for (int subtask : inFlight.holdersOf(streamId)) {
            if (!context.registeredReaders().containsKey(subtask)) {
                continue; // failed: its windows come back through addSplitsBack
            }
            if (fixed.containsKey(subtask)) {
                continue;
            }
            Map<String, Double> shares = inFlight.sharesOf(subtask, listFragmentsBudget, fixed);
            if (!shares.equals(sentShares.get(subtask))) {
                sentShares.put(subtask, shares);
                LOG.debug("Request budget shares of subtask {}: {}", subtask, shares);
                context.sendEventToSourceReader(subtask, new StreamBudgetEvent(shares));
            }
        }
    }
}
