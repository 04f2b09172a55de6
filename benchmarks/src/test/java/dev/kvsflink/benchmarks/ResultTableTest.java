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

package dev.kvsflink.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTest {

    private static final RunResult BASELINE =
            new RunResult(
                    "single",
                    "baseline",
                    1,
                    50_000,
                    50_000,
                    true,
                    12.5,
                    10.0,
                    Double.NaN,
                    60,
                    10,
                    50,
                    1,
                    200L << 20,
                    100L << 20,
                    -1,
                    -1,
                    36.5);
    private static final RunResult CONNECTOR =
            new RunResult(
                    "single",
                    "connector-p1",
                    1,
                    49_999,
                    50_000,
                    false,
                    10.0,
                    10.0,
                    12.5,
                    52,
                    0,
                    50,
                    1,
                    300L << 20,
                    150L << 20,
                    4096,
                    8192,
                    36.5);

    @Test
    void derivedFiguresFollowFromTheMeasuredOnes() {
        assertThat(CONNECTOR.fragmentsPerSecond()).isEqualTo(4999.9);
        assertThat(CONNECTOR.ratioToLimit()).isEqualTo(1.0);
        assertThat(CONNECTOR.speedupOverBaseline()).isEqualTo(1.25);
        assertThat(BASELINE.acceptedCalls()).isEqualTo(50);
        assertThat(BASELINE.callsOverMinimum()).isEqualTo(1.0);
        assertThat(BASELINE.throttledPercent())
                .isCloseTo(16.67, org.assertj.core.data.Offset.offset(0.01));
        // 50 calls for 36.5 days: 500 for a year.
        assertThat(BASELINE.callsPerStreamYear())
                .isCloseTo(500.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theMarkdownTableHasAHeaderARuleAndOneAlignedRowPerRun() {
        String table = ResultTable.markdown(List.of(BASELINE, CONNECTOR));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("| workload").contains("| fragments_per_s |");
        assertThat(lines.get(1)).matches("\\|[-| ]+\\|");
        assertThat(lines.stream().map(String::length).distinct()).hasSize(1);
        assertThat(lines.get(2)).contains("| baseline ").contains("| 80.0% ").contains("| - ");
        assertThat(lines.get(3)).contains("| NO ").contains("| 1.25 ").contains("| 4096 ");
    }

    @Test
    void csvLeavesUnknownFiguresEmpty() {
        List<String> lines = ResultTable.csv(List.of(BASELINE)).lines().toList();

        assertThat(lines.get(0)).startsWith("workload,configuration,fragments,correct,wall_s");
        assertThat(lines.get(1)).startsWith("single,baseline,50000,yes,12.5,4000,10.0,80.0%,,");
        assertThat(lines.get(1).split(",", -1)).hasSameSizeAs(lines.get(0).split(","));
    }

    @Test
    void jsonWritesNaNAsNullAndEveryRunAsAnObject() {
        String json = ResultTable.json(List.of(BASELINE, CONNECTOR));

        assertThat(json).startsWith("[\n  {\"workload\": \"single\", ").endsWith("}\n]\n");
        assertThat(json).contains("\"speedup_over_baseline\": null");
        assertThat(json)
                .contains("\"correct\": false")
                .contains("\"checkpoint_mid_run_bytes\": 4096");
        assertThat(json).doesNotContain("NaN").doesNotContain(", }");
    }
}
