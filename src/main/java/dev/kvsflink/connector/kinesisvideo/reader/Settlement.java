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

import java.util.List;

/**
 * What one complete listing of a {@link HeldWindow} settled, for the hand-over.
 *
 * @param toEmit the fragments to emit, with their positions, in emission order
 * @param settled how many fragments the listing settled (also those emitted before a restore)
 * @param late how many fragments were found after their time had been settled
 * @param settledUntilMillis how far the window is settled now
 * @param complete whether the window is settled to its end
 * @param cutShort whether more could be settled at once: the span ended the listing early
 */
@Internal
record Settlement(
        List<FetchedElement.Fragment> toEmit,
        int settled,
        int late,
        long settledUntilMillis,
        boolean complete,
        boolean cutShort) {}
