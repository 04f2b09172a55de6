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

import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import java.util.List;
import java.util.Objects;

/**
 * The enumerator's checkpoint: one {@link StreamCursor} per stream and the full splits that are not
 * assigned to any reader (planned and handed back, or added back after a reader failed).
 *
 * <p>Small whatever the range: windows not yet planned are not stored, and full pending splits are
 * kept rather than ids to re-plan from (the lesson of Kafka's FLINK-38453). Splits assigned to
 * readers live in the readers' checkpoints. Immutable.
 */
@Internal
public final class KinesisVideoEnumeratorState {

    private final List<StreamCursor> cursors;
    private final List<FragmentWindowSplit> pendingSplits;

    public KinesisVideoEnumeratorState(
            List<StreamCursor> cursors, List<FragmentWindowSplit> pendingSplits) {
        this.cursors = List.copyOf(cursors);
        this.pendingSplits = List.copyOf(pendingSplits);
    }

    /** One cursor per stream, in the order the streams were configured. */
    public List<StreamCursor> cursors() {
        return cursors;
    }

    /** Splits planned but not assigned, in no particular order. */
    public List<FragmentWindowSplit> pendingSplits() {
        return pendingSplits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KinesisVideoEnumeratorState
                && cursors.equals(((KinesisVideoEnumeratorState) o).cursors)
                && pendingSplits.equals(((KinesisVideoEnumeratorState) o).pendingSplits);
    }

    @Override
    public int hashCode() {
        return Objects.hash(cursors, pendingSplits);
    }

    @Override
    public String toString() {
        return "KinesisVideoEnumeratorState{cursors="
                + cursors
                + ", pendingSplits="
                + pendingSplits
                + '}';
    }
}
