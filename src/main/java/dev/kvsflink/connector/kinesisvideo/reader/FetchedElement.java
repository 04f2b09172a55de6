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

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;

/**
 * What the split reader hands to the record emitter for a split: fragments to emit, in emission
 * order, and after the last fragment of a listing, how far the window is now settled or, once it is
 * complete, how many fragments it held. Both travel with the records so that the split's state
 * moves only once every fragment before them has been emitted (a checkpoint in between stays
 * exact), and so that what the task thread needs of a finished window reaches it the way the
 * records do, with nothing shared between the threads.
 */
@Internal
sealed interface FetchedElement {

    /**
     * A fragment to emit at {@code position} (computed once, by the split reader), from a listing
     * that finished at {@code fetchedAtMillis}.
     */
    record Fragment(KinesisVideoFragment fragment, FragmentPosition position, long fetchedAtMillis)
            implements FetchedElement {}

    /** Every fragment of the split before {@code untilMillis} has been handed over. */
    record Settled(long untilMillis) implements FetchedElement {}

    /**
     * The window is complete: every fragment of it has been handed over, and it held {@code
     * windowFragments} (also those emitted before a restore), which the enumerator plans by. Always
     * the split's last element, in the batch that finishes the split.
     */
    record Completed(long windowFragments) implements FetchedElement {}
}
