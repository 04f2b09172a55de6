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

import java.util.Map;

/**
 * Enumerator to reader: the reader's share of each stream's {@code ListFragments} budget, in calls
 * per second, for every stream it holds windows of. Replaces the previous shares; a stream left out
 * has none (the reader holds no window of it, as far as the enumerator knows).
 *
 * @param sharesByStream calls per second by stream id
 */
@Internal
public record StreamBudgetEvent(Map<String, Double> sharesByStream) implements SourceEvent {
    private static final long serialVersionUID = 1L;

    public StreamBudgetEvent {
        sharesByStream = Map.copyOf(sharesByStream);
    }
}
