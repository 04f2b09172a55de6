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

package dev.kvsflink.connector.kinesisvideo.emulator;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The request quotas, per operation and scope (a stream's ARN, or the account for {@code
 * GetDataEndpoint}'s account-wide quota): at most {@code tps} accepted requests in any window of
 * one second of the emulator's clock (a sliding window, the strictest reading of "5 TPS"). Refused
 * requests do not use up the quota. Thread-safe.
 */
final class StreamQuota {

    private static final long WINDOW_MS = 1000;

    private final Map<String, ArrayDeque<Long>> accepted = new ConcurrentHashMap<>();

    /**
     * Whether one more request for {@code operation} in {@code scope} (a stream's ARN, or the
     * account's id) at {@code nowMs} fits in {@code tps} (0 means no limit); if it does, it is
     * counted.
     */
    boolean tryAcquire(Operation operation, String scope, long nowMs, int tps) {
        if (tps <= 0) {
            return true;
        }
        ArrayDeque<Long> window = window(operation, scope);
        synchronized (window) {
            while (!window.isEmpty() && window.peekFirst() <= nowMs - WINDOW_MS) {
                window.pollFirst();
            }
            // A quota lowered at runtime can leave more than tps entries: they age out.
            if (window.size() >= tps) {
                return false;
            }
            window.addLast(nowMs);
            return true;
        }
    }

    /** Gives back a request counted at {@code nowMs} that another quota then refused. */
    void release(Operation operation, String scope, long nowMs) {
        ArrayDeque<Long> window = window(operation, scope);
        synchronized (window) {
            window.removeLastOccurrence(nowMs);
        }
    }

    private ArrayDeque<Long> window(Operation operation, String scope) {
        return accepted.computeIfAbsent(operation + " " + scope, k -> new ArrayDeque<>());
    }
}
