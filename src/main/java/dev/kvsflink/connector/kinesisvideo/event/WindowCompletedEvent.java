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

package dev.kvsflink.connector.kinesisvideo.event;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;

import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

/**
 * Sent by a reader to the enumerator when it has emitted a whole window: frees the window's slot
 * under {@code source.stream.max-concurrent-windows} and tells the planner how dense the stream
 * was.
 *
 * @param splitId the finished split's id
 * @param streamId the stream's name or ARN, as configured
 * @param startMillis the window's inclusive start
 * @param endMillis the window's exclusive end
 * @param fragmentCount how many fragments the listing found in the whole window
 */
@Internal
public record WindowCompletedEvent(
        String splitId, String streamId, long startMillis, long endMillis, long fragmentCount)
        implements SourceEvent {
    private static final long serialVersionUID = 1L;

    /** The event for {@code split}, whose window held {@code fragmentCount} fragments. */
    public static WindowCompletedEvent of(FragmentWindowSplit split, long fragmentCount) {
        return new WindowCompletedEvent(
                split.splitId(),
                split.stream().id(),
                split.startMillis(),
                split.endMillis(),
                fragmentCount);
    }

    /** The window's length in ms. */
    public long lengthMillis() {
        return endMillis - startMillis;
    }
}
