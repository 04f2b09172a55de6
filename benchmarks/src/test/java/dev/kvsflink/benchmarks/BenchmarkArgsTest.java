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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    static Stream<Arguments> badArguments() {
        return Stream.of(
                bad("unknown flag", of("--fast"), "Unknown option", "--fast"),
                bad("unknown workload", of("--workloads", "single,dense"), "'dense'", "multi16"),
                bad("flag without value", of("--parallelism"), "--parallelism", "Missing"),
                bad("zero parallelism", of("--parallelism", "1,0"), "--parallelism", "'0'", ">= 1"),
                bad("zero fetch threads", of("--fetch-threads", "0"), "--fetch-threads", "'0'"),
                bad("zero budget", of("--budget-tps", "0"), "--budget-tps", "'0'", "above 0"),
                bad("latency not a number", of("--latency", "x"), "--latency", "'x'"),
                bad(
                        "jitter above latency",
                        of("--latency", "10", "--jitter", "20"),
                        "--jitter 20",
                        "--latency 10"),
                bad(
                        "interval not a duration",
                        of("--checkpoint-interval", "often"),
                        "--checkpoint-interval",
                        "'often'",
                        "2 s"),
                bad("flag given twice", of("--seed", "1", "--seed", "2"), "--seed", "only once"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLineNamingTheFlagAndValue(
            String name, String[] args, String[] expected) {
        StringWriter err = new StringWriter();
        CommandLine cli = BenchmarkArgs.commandLine(new BenchmarkMain());
        cli.setErr(new PrintWriter(err, true));

        assertThat(cli.execute(args)).isEqualTo(2);
        assertThat(err.toString().lines()).hasSize(1);
        assertThat(err.toString()).startsWith("benchmark: ").contains(expected);
    }

    @Test
    void helpExits0WithTheFlagsAndTheirDefaults() {
        StringWriter out = new StringWriter();
        CommandLine cli = BenchmarkArgs.commandLine(new BenchmarkMain());
        cli.setOut(new PrintWriter(out, true));

        assertThat(cli.execute("-h")).isZero();
        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("Usage: benchmark", "--merge", "default: 50", "single, multi16");
    }

    private static String[] of(String... args) {
        return args;
    }

    private static Arguments bad(String name, String[] args, String... expected) {
        return Arguments.of(name, args, expected);
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
