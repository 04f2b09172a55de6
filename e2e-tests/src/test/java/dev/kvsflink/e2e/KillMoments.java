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
import java.util.Random;

/**
 * When, within each phase of a job, a TaskManager is killed: drawn from one seed, printed at the
 * start, so that a failed run can be repeated with {@code -De2e.kill.seed=<seed>}. Each phase draws
 * from its own generator, so the moments do not depend on the order the scenarios run in.
 */
public final class KillMoments {

    /** The phases of a job a kill can hit, each with the range its moment is drawn from. */
    public enum Phase {
        /** After the victim received its tasks, before the job's first checkpoint completed. */
        START_UP(1_500),
        /** After the restarted job committed files again, while windows are being listed. */
        MID_WINDOW(3_000),
        /** After a checkpoint was triggered, before it completed (the delay is in ms). */
        CHECKPOINT(30),
        /** After the tailing job committed its first files. */
        TAILING(4_000);

        private final int boundMillis;

        Phase(int boundMillis) {
            this.boundMillis = boundMillis;
        }
    }

    private static final String SEED_PROPERTY = "e2e.kill.seed";

    private final long seed;

    private KillMoments(long seed) {
        this.seed = seed;
    }

    /** The seed of {@code -De2e.kill.seed}, or a new one; printed either way. */
    public static KillMoments fromSeed() {
        String given = System.getProperty(SEED_PROPERTY);
        long seed =
                given == null || given.isBlank() ? new Random().nextLong() : Long.parseLong(given);
        System.out.printf(
                "TaskManager kill moments from seed %d (repeat with -D%s=%d)%n",
                seed, SEED_PROPERTY, seed);
        return new KillMoments(seed);
    }

    /** How long after the phase's starting event the kill comes. */
    public Duration delay(Phase phase) {
        long millis = new Random(seed * 31 + phase.ordinal()).nextInt(phase.boundMillis + 1);
        System.out.printf("kill seed %d, phase %s: %d ms%n", seed, phase, millis);
        return Duration.ofMillis(millis);
    }

    /** How many checkpoints to let complete before the one the kill hits: 0, 1 or 2. */
    public int checkpointsToSkip() {
        return new Random(seed * 31 + Phase.values().length).nextInt(3);
    }
}
