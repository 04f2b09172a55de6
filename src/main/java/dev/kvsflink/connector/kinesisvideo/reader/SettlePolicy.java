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

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;

import java.time.Clock;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * When a reader may consider a window settled, and how often it lists a window that is not settled
 * yet; see {@link HeldWindow}.
 *
 * @param serverLagMillis how long after its server timestamp a fragment is surely listable
 * @param producerLagMillis the same for producer timestamps (the consistency lag plus the allowed
 *     lateness)
 * @param pollIntervalMillis how often a window that is not settled yet is listed again
 * @param lateDetectionMillis how far back each listing of such a window looks for fragments that
 *     became listable after their time was settled (never less than the lag, see {@link
 *     #lookbackMillis})
 * @param clock the wall clock that "now" is read from
 */
@Internal
record SettlePolicy(
        long serverLagMillis,
        long producerLagMillis,
        long pollIntervalMillis,
        long lateDetectionMillis,
        Clock clock) {

    SettlePolicy {
        checkArgument(serverLagMillis >= 0, "serverLagMillis must be >= 0: %s", serverLagMillis);
        checkArgument(
                producerLagMillis >= 0, "producerLagMillis must be >= 0: %s", producerLagMillis);
        checkArgument(
                pollIntervalMillis > 0, "pollIntervalMillis must be > 0: %s", pollIntervalMillis);
        checkArgument(
                lateDetectionMillis >= 0,
                "lateDetectionMillis must be >= 0: %s",
                lateDetectionMillis);
        checkNotNull(clock, "clock must not be null");
    }

    /** The policy the settings configure, on the system clock. */
    static SettlePolicy from(KinesisVideoSourceSettings settings) {
        return new SettlePolicy(
                settings.settleLagMillis(FragmentSelectorType.SERVER_TIMESTAMP),
                settings.settleLagMillis(FragmentSelectorType.PRODUCER_TIMESTAMP),
                settings.pollIntervalMillis(),
                settings.lateDetectionMillis(),
                Clock.systemUTC());
    }

    /** How long after a timestamp of {@code selector} its fragments are surely listable. */
    long lagMillis(FragmentSelectorType selector) {
        return selector == FragmentSelectorType.PRODUCER_TIMESTAMP
                ? producerLagMillis
                : serverLagMillis;
    }

    /**
     * How far back each listing of a window of {@code selector} that is not settled yet reaches:
     * the late detection, but at least the lag, which is what a fragment listable within the
     * promised time needs at most.
     */
    long lookbackMillis(FragmentSelectorType selector) {
        return Math.max(lateDetectionMillis, lagMillis(selector));
    }
}
