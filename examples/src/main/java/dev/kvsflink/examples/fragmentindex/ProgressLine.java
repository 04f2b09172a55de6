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

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Turns the job's accumulators into one human line: share of the time range covered, fragments,
 * rate and an estimate of the time left.
 */
final class ProgressLine {
    private final Instant start;
    private final Instant end;
    private final int streams;

    ProgressLine(Instant start, Instant end, int streams) {
        this.start = start;
        this.end = end;
        this.streams = streams;
    }

    /** The line for {@code accumulators} after {@code elapsed}. */
    String render(Map<String, Object> accumulators, Duration elapsed) {
        long fragments =
                accumulators.get(ProgressCounter.FRAGMENTS) instanceof Number n ? n.longValue() : 0;
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
                        : Duration.ofSeconds((long) (seconds * (1 - share) / share)).toString();
        return String.format(
                "progress: %5.1f%% of the range, %d fragments, %.0f fragments/s, ETA %s",
                share * 100, fragments, fragments / seconds, eta);
    }
}
