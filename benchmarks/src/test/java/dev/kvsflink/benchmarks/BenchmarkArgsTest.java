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

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkArgsTest {

    @Test
    void withoutFlagsTheQuickSetRunsEverythingAtTheDocumentedDefaults() {
        BenchmarkArgs args = BenchmarkArgs.parse();

        assertThat(args.full()).isFalse();
        assertThat(args.workloads()).containsExactly("single", "multi16", "sparse", "mixed");
        assertThat(args.parallelisms()).containsExactly(1, 2, 4);
        assertThat(args.baseline()).isTrue();
        assertThat(args.budgetsTps()).containsExactly(4.0);
        assertThat(args.fetchThreads()).containsExactly(4);
        assertThat(args.splitsInFlight()).containsExactly(4);
        assertThat(args.latencyMillis()).isEqualTo(50);
        assertThat(args.jitterMillis()).isEqualTo(20);
        assertThat(args.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void flagsSelectWorkloadsParallelismsAndBudget() {
        BenchmarkArgs args =
                BenchmarkArgs.parse(
                        "--full",
                        "--workloads",
                        "multi16,sparse",
                        "--parallelism",
                        "4",
                        "--budget-tps",
                        "4.0,4.75",
                        "--no-baseline",
                        "--checkpoint-interval",
                        "500ms");

        assertThat(args.full()).isTrue();
        assertThat(args.workloads()).containsExactly("multi16", "sparse");
        assertThat(args.parallelisms()).isEqualTo(List.of(4));
        assertThat(args.budgetsTps()).containsExactly(4.0, 4.75);
        assertThat(args.baseline()).isFalse();
        assertThat(args.checkpointInterval()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void flagsSelectFetchThreadsAndSplitsInFlight() {
        BenchmarkArgs args =
                BenchmarkArgs.parse("--fetch-threads", "1,4", "--splits-in-flight", "2,4");

        assertThat(args.fetchThreads()).containsExactly(1, 4);
        assertThat(args.splitsInFlight()).containsExactly(2, 4);
        assertThatThrownBy(() -> BenchmarkArgs.parse("--fetch-threads", "0"))
                .hasMessageContaining("--fetch-threads");
    }

    @Test
    void unknownFlagsAndWorkloadsAndMissingValuesAreRefused() {
        assertThatThrownBy(() -> BenchmarkArgs.parse("--fast")).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchmarkArgs.parse("--workloads", "dense"))
                .hasMessageContaining("dense");
        assertThatThrownBy(() -> BenchmarkArgs.parse("--parallelism"))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkArgs.parse("--latency", "10", "--jitter", "20"))
                .hasMessageContaining("--jitter");
    }

    @Test
    void theFullSetIsTheOneTheIssueAsksFor() {
        assertThat(Workload.named("single", true).streams()).hasSize(1);
        assertThat(Workload.named("single", true).streams().get(0).spec().fragments())
                .isEqualTo(1_000_000);
        assertThat(Workload.named("multi16", true).streams()).hasSize(16);
        assertThat(Workload.named("sparse", true).days()).isEqualTo(365.0);
        assertThat(Workload.named("sparse", true).streams().get(0).spec().interval())
                .isEqualTo(Duration.ofMinutes(1));
    }
}
