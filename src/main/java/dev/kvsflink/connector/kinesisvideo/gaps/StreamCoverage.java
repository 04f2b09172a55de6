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

package dev.kvsflink.connector.kinesisvideo.gaps;

import org.apache.flink.annotation.PublicEvolving;

/**
 * How far one stream's fragments cover time so far, and whether its current silence was already
 * reported: the one rule that decides a coverage gap, used by {@link SilenceDetector} on a stream
 * and by summaries of finished fragment indexes.
 *
 * <p>Fragments are added in selected-timestamp order. A fragment covers {@code [start, start +
 * length)}; the coverage reaches the latest end so far (a short fragment inside a longer one does
 * not shorten it). A <b>gap</b> is a span longer than the threshold from that end to the next
 * fragment's start. Immutable.
 *
 * <pre>{@code
 * StreamCoverage coverage = StreamCoverage.of(first.startMillis, first.lengthMillis);
 * if (coverage.isGapBefore(next.startMillis, thresholdMillis)) { ... }
 * coverage = coverage.plus(next.startMillis, next.lengthMillis);
 * }</pre>
 *
 * @param coveredUntilMillis the latest end (start + length) of the stream's fragments so far
 * @param silenceReported whether the silence after that end was already reported
 */
@PublicEvolving
public record StreamCoverage(long coveredUntilMillis, boolean silenceReported) {

    /** The coverage of a stream's first fragment. */
    public static StreamCoverage of(long startMillis, long lengthMillis) {
        return new StreamCoverage(startMillis + lengthMillis, false);
    }

    /** The coverage after the next fragment (which ends any silence). */
    public StreamCoverage plus(long startMillis, long lengthMillis) {
        return new StreamCoverage(Math.max(coveredUntilMillis, startMillis + lengthMillis), false);
    }

    /** Whether a next fragment starting at {@code startMillis} ends a gap. */
    public boolean isGapBefore(long startMillis, long thresholdMillis) {
        return startMillis - coveredUntilMillis > thresholdMillis;
    }

    /**
     * The event time from which the stream is surely in a gap: once the watermark reaches it, no
     * fragment starts at or before it, so the next one, if any, ends a gap.
     */
    public long silenceCertainAtMillis(long thresholdMillis) {
        return coveredUntilMillis + thresholdMillis;
    }

    /** This coverage, with its silence reported. */
    public StreamCoverage withSilenceReported() {
        return new StreamCoverage(coveredUntilMillis, true);
    }
}
