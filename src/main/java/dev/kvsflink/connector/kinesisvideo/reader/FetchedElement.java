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

/**
 * What the split reader hands to the record emitter for a split: fragments to emit, in emission
 * order, and after the last fragment of a listing of a window that is not complete yet, how far the
 * window is now settled. The settlement travels with the records so that the split's state moves
 * only once every fragment before it has been emitted: a checkpoint in between stays exact.
 */
@Internal
public sealed interface FetchedElement {

    /** A fragment to emit, from a listing that finished at {@code fetchedAtMillis}. */
    record Fragment(KinesisVideoFragment fragment, long fetchedAtMillis)
            implements FetchedElement {}

    /** Every fragment of the split before {@code untilMillis} has been handed over. */
    record Settled(long untilMillis) implements FetchedElement {}
}
