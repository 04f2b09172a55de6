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

import java.util.List;

/**
 * Sent by a reader when it starts with windows restored from its checkpoint, before it asks for
 * splits: the enumerator's own state holds only the windows not yet assigned, so it learns here
 * which windows the readers hold again, to count them against {@code
 * source.stream.max-concurrent-windows} and in the budget shares.
 *
 * @param windows the restored windows
 */
@Internal
public record WindowsRestoredEvent(List<FragmentWindowSplit> windows) implements SourceEvent {
    private static final long serialVersionUID = 1L;

    public WindowsRestoredEvent {
        windows = List.copyOf(windows);
    }
}
