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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StreamRequestBudgetsTest {

    private final StreamRequestBudgets budgets =
            new StreamRequestBudgets(4.0, 4, System::nanoTime, nanos -> {});

    @Test
    void aStreamWithoutAShareFromTheEnumeratorGetsTheBudgetDividedByTheParallelism() {
        assertThat(budgets.rate("cam-1")).isEqualTo(1.0);
    }

    @Test
    void theEnumeratorsShareReplacesTheFallback() {
        budgets.rate("cam-1");
        budgets.updateShares(Map.of("cam-1", 4.0));
        assertThat(budgets.rate("cam-1")).isEqualTo(4.0);
    }

    @Test
    void aStreamLeftOutOfANewUpdateFallsBackToTheSafeShare() {
        budgets.updateShares(Map.of("cam-1", 2.0, "cam-2", 2.0));
        budgets.rate("cam-2");
        budgets.updateShares(Map.of("cam-1", 4.0));
        assertThat(budgets.rate("cam-2")).isEqualTo(1.0);
    }

    @Test
    void throttlingSlowsDownOnlyTheThrottledStream() {
        budgets.updateShares(Map.of("cam-1", 2.0, "cam-2", 2.0));
        budgets.onThrottled(StreamRef.ofName("cam-1"));
        assertThat(budgets.rate("cam-1")).isEqualTo(1.0);
        assertThat(budgets.rate("cam-2")).isEqualTo(2.0);
    }
}
