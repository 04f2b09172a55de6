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

class ResultFilesTest {

    @Test
    void whatTheJsonTableWritesReadsBackAsTheSameRuns() throws Exception {
        List<RunResult> runs =
                List.of(
                        new RunResult(
                                "multi16",
                                "baseline",
                                16,
                                1_600_000,
                                1_600_000,
                                true,
                                300.25,
                                20.0,
                                Double.NaN,
                                2100,
                                500,
                                1600,
                                16,
                                1L << 30,
                                1L << 27,
                                -1,
                                -1,
                                25.0),
                        new RunResult(
                                "multi16",
                                "connector-p4",
                                16,
                                1_600_000,
                                1_600_000,
                                true,
                                100.5,
                                20.0,
                                300.25,
                                1700,
                                3,
                                1600,
                                64,
                                1L << 29,
                                1L << 26,
                                5000,
                                6000,
                                25.0));

        assertThat(ResultFiles.parse(ResultTable.json(runs))).isEqualTo(runs);
    }
}
