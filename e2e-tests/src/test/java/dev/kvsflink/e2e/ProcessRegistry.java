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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every process the tests of this JVM started. {@link #stopAll()} stops the ones still running (the
 * test classes call it after all their tests, a JVM shutdown hook calls it in any case), and {@link
 * #diagnostics()} gives the tails of their logs for a failure message.
 */
public final class ProcessRegistry {

    private static final List<ManagedProcess> PROCESSES = new ArrayList<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(ProcessRegistry::stopAll, "e2e-stop-processes"));
    }

    private ProcessRegistry() {}

    static synchronized void register(ManagedProcess process) {
        PROCESSES.add(process);
    }

    /** Stops every process still running, by its PID, and forgets all of them. */
    public static void stopAll() {
        List<ManagedProcess> all;
        synchronized (ProcessRegistry.class) {
            all = new ArrayList<>(PROCESSES);
            PROCESSES.clear();
        }
        // The newest first: clients before TaskManagers before the JobManager.
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).stop(Duration.ofSeconds(10));
        }
    }

    /** The last lines of the log of every process started since the last {@link #stopAll()}. */
    public static synchronized String diagnostics() {
        if (PROCESSES.isEmpty()) {
            return "(no processes)";
        }
        return PROCESSES.stream().map(p -> p.tail(60)).collect(Collectors.joining("\n"));
    }
}
