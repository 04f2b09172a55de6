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

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A span in which a stream has no fragment: from the end of the fragments before it to the start of
 * the fragment after it (see {@link StreamCoverage} for the rule).
 *
 * @param streamName the stream's name
 * @param from where coverage ended (the latest fragment end before the gap)
 * @param to the start of the fragment that ended the gap
 */
@PublicEvolving
public record CoverageGap(String streamName, Instant from, Instant to) {

    public CoverageGap {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /** How long the stream had no fragment. */
    public Duration length() {
        return Duration.between(from, to);
    }
}
