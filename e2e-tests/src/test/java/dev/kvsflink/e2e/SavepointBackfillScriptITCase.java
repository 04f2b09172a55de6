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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The savepoint-resumed backfill example ({@code examples/backfill/savepoint-backfill.sh}) in its
 * default mode, a local MiniCluster per run: the emulator as its own process, a backfill stopped
 * with a savepoint, resumed at another parallelism with a later end, and the verdict of the shipped
 * verifier. Its cluster mode runs in {@code FragmentIndexJobOnClusterITCase}, which has a cluster.
 */
@ExtendWith(LogsOnFailure.class)
class SavepointBackfillScriptITCase {

    @AfterAll
    static void stopEverything() {
        ProcessRegistry.stopAll();
    }

    @Test
    void onALocalMiniClusterTheResumedAndExtendedBackfillHoldsEveryFragmentOnce() throws Exception {
        BackfillScript script =
                BackfillScript.local(
                        Distribution.workDir()
                                .resolve("savepoint-backfill-" + System.currentTimeMillis()));

        script.assertResumedBackfillIsExact(BackfillScript.TIMEOUT);
    }
}
