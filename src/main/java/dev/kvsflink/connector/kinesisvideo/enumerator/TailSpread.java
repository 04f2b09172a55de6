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

/**
 * Which reader holds which tails: windows that reached past the settled time when assigned (a
 * stream's open tail, or the last window of a range that ends near or after now). A tail is held
 * until time passes its end, forever for an open one, so tails are spread evenly: a reader gets the
 * next tail only if no other reader holds fewer.
 *
 * <p>Used on the coordinator thread only.
 */
@Internal
final class TailSpread {

    /** Per subtask, the ids of the tails it holds. */
    private final Map<Integer, Set<String>> tailsBySubtask = new HashMap<>();

    void add(int subtask, String splitId) {
        tailsOf(subtask).add(splitId);
    }

    void remove(int subtask, String splitId) {
        tailsOf(subtask).remove(splitId);
    }

    /**
     * Whether a reader other than {@code subtask}, and not in {@code finished}, holds fewer tails.
     * Every reader of the source counts, registered or not yet: readers register one by one, and
     * the first one must not take the tails of those still starting (they would then be told that
     * no split is left, and finish, while one reader follows several streams).
     *
     * @param parallelism the number of readers of the source
     * @param finished the readers told that no split will come: they take no tail any more
     */
    boolean holdsMoreThanAnother(int subtask, int parallelism, Set<Integer> finished) {
        int mine = tailsOf(subtask).size();
        for (int reader = 0; reader < parallelism; reader++) {
            if (!finished.contains(reader) && tailsOf(reader).size() < mine) {
                return true;
            }
        }
        return false;
    }

    private Set<String> tailsOf(int subtask) {
        return tailsBySubtask.computeIfAbsent(subtask, k -> new HashSet<>());
    }
}
