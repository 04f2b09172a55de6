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

package dev.kvsflink.examples.fragmentindex;

import dev.kvsflink.examples.cli.HumanUnits;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Turns the job's accumulators into one human line: share of the time range covered, fragments,
 * rate and an estimate of the time left; for a job that tails the streams (no end), the newest
 * fragment and how far behind now it is.
 */
final class ProgressLine {
    private final Instant start;
    @Nullable private final Instant end;
    private final int streams;

    ProgressLine(Instant start, @Nullable Instant end, int streams) {
        this.start = start;
        this.end = end;
        this.streams = streams;
    }

    /** The line for {@code accumulators} after {@code elapsed}. */
    String render(Map<String, Object> accumulators, Duration elapsed) {
        long fragments =
                accumulators.get(ProgressCounter.FRAGMENTS) instanceof Number n ? n.longValue() : 0;
        if (end == null) {
            return tailing(accumulators, fragments, elapsed);
        }
        double covered = 0;
        long range = Math.max(1, end.toEpochMilli() - start.toEpochMilli());
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            if (e.getKey().startsWith(ProgressCounter.LATEST_PREFIX)
                    && e.getValue() instanceof Number latest) {
                covered +=
                        Math.min(1.0, (latest.longValue() - start.toEpochMilli()) / (double) range);
            }
        }
        double share = streams == 0 ? 0 : Math.max(0, covered / streams);
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        String eta =
                share <= 0
                        ? "?"
                        : HumanUnits.duration(
                                Duration.ofSeconds((long) (seconds * (1 - share) / share)));
        return String.format(
                "progress: %5.1f%% of the range, %d fragments, %.0f fragments/s, ETA %s",
                share * 100, fragments, fragments / seconds, eta);
    }

    private static String tailing(
            Map<String, Object> accumulators, long fragments, Duration elapsed) {
        long newest = Long.MIN_VALUE;
        for (Map.Entry<String, Object> e : accumulators.entrySet()) {
            if (e.getKey().startsWith(ProgressCounter.LATEST_PREFIX)
                    && e.getValue() instanceof Number latest) {
                newest = Math.max(newest, latest.longValue());
            }
        }
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        String behind =
                newest == Long.MIN_VALUE
                        ? "none yet"
                        : Instant.ofEpochMilli(newest)
                                + ", "
                                + HumanUnits.duration(
                                        Duration.ofMillis(System.currentTimeMillis() - newest))
                                + " ago";
        return String.format(
                "tailing: %d fragments, %.0f fragments/s, newest %s",
                fragments, fragments / seconds, behind);
    }
}
