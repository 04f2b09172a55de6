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

package dev.kvsflink.connector.kinesisvideo.testutils;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Keeps an injected fault on until the emulator has counted at least so many of its effects, then
 * lifts it: a fault test then proves its faults happened, however long the job takes to start (a
 * storm defined in seconds from the test's start may be over before the first call).
 *
 * <pre>{@code
 * emulator.faults().tpsPerStream(1);
 * try (FaultsUntilCounted storm =
 *         FaultsUntilCounted.lift(() -> emulator.faults().tpsPerStream(5))
 *                 .once(() -> counters.throttled(Operation.LIST_FRAGMENTS), 5)) {
 *     runTheJob();
 * }
 * }</pre>
 */
public final class FaultsUntilCounted implements AutoCloseable {

    private final ScheduledExecutorService watcher;

    private FaultsUntilCounted(ScheduledExecutorService watcher) {
        this.watcher = watcher;
    }

    /** What lifts the fault, run once, from the watcher's thread. */
    public static Builder lift(Runnable lift) {
        return new Builder(lift);
    }

    /** Stops watching; a fault not lifted yet stays on. */
    @Override
    public void close() {
        watcher.shutdownNow();
    }

    /** Says when to lift the fault. */
    public static final class Builder {
        private final Runnable lift;

        private Builder(Runnable lift) {
            this.lift = lift;
        }

        /**
         * Lifts the fault once {@code counter} is at least {@code atLeast} (checked every 10 ms).
         */
        public FaultsUntilCounted once(LongSupplier counter, long atLeast) {
            ScheduledExecutorService watcher =
                    Executors.newSingleThreadScheduledExecutor(
                            r -> {
                                Thread t = new Thread(r, "faults-until-counted");
                                t.setDaemon(true);
                                return t;
                            });
            watcher.scheduleWithFixedDelay(
                    () -> {
                        if (counter.getAsLong() >= atLeast) {
                            lift.run();
                            watcher.shutdown();
                        }
                    },
                    0,
                    10,
                    TimeUnit.MILLISECONDS);
            return new FaultsUntilCounted(watcher);
        }
    }
}
