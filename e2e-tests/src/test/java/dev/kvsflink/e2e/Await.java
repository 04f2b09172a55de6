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

package dev.kvsflink.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds, failing with a description of what was awaited. */
public final class Await {

    private Await() {}

    /** Polls {@code condition} every 200 ms; exceptions it throws count as "not yet". */
    public static void until(String what, Duration timeout, Callable<Boolean> condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        AssertionError error =
                new AssertionError("timed out after " + timeout + " waiting until " + what);
        if (last != null) {
            error.initCause(last);
        }
        throw error;
    }
}
