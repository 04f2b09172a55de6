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

import javax.annotation.Nullable;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the split reader learnt about each window it completed, for the task thread: how many
 * fragments the window held (reported to the enumerator's planner).
 *
 * <p>Thread-safe: written by the fetcher thread before it hands the window's records over, read and
 * removed by the task thread after.
 */
@Internal
public final class FetchedWindows {

    /** One completed window. */
    public record FetchedWindow(long fragmentCount) {}

    private final Map<String, FetchedWindow> windows = new ConcurrentHashMap<>();

    void put(String splitId, FetchedWindow window) {
        windows.put(splitId, window);
    }

    @Nullable
    FetchedWindow get(String splitId) {
        return windows.get(splitId);
    }

    @Nullable
    FetchedWindow remove(String splitId) {
        return windows.remove(splitId);
    }
}
