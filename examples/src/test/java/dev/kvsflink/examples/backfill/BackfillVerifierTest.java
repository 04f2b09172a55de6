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

package dev.kvsflink.examples.backfill;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.fragmentindex.FragmentJsonLines;
import dev.kvsflink.examples.testutils.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class BackfillVerifierTest {

    private static final String SPEC = "seed=5,interval=10s,fragments=100";
    private static final String STREAM = "synthetic:cam:" + SPEC;
    private static final Instant START = Instant.parse("2026-01-01T00:01:00Z");
    private static final Instant END = Instant.parse("2026-01-01T00:10:00Z");

    @TempDir Path dir;

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @Test
    void theRangeWrittenOnceAcrossTwoRunsFilesIsExact() throws Exception {
        List<String> lines = groundTruthLines();
        write("run-1/cam/fragments-a-0-0.jsonl", lines.subList(0, 20));
        write("run-2/cam/fragments-b-0-0.jsonl", lines.subList(20, lines.size()));

        assertThat(verify(dir.resolve("run-1"), dir.resolve("run-2"))).isTrue();
        assertThat(output()).contains("verdict: EXACT").contains("cam").contains("" + lines.size());
    }

    @Test
    void aMissingFragmentIsNotExact() throws Exception {
        List<String> lines = groundTruthLines();
        write("cam/fragments-a-0-0.jsonl", lines.subList(1, lines.size()));

        assertThat(verify(dir)).isFalse();
        assertThat(row())
                .containsExactly(
                        "cam", "" + lines.size(), "" + (lines.size() - 1), "1", "0", "0", "0");
        assertThat(output()).contains("verdict: NOT EXACT");
    }

    @Test
    void aFragmentWrittenTwiceIsNotExact() throws Exception {
        List<String> lines = new ArrayList<>(groundTruthLines());
        lines.add(lines.get(3));
        write("cam/fragments-a-0-0.jsonl", lines);

        assertThat(verify(dir)).isFalse();
        assertThat(row().get(4)).as("duplicated").isEqualTo("1");
    }

    @Test
    void aFragmentFromOutsideTheRangeIsNotExact() throws Exception {
        List<String> lines = new ArrayList<>(groundTruthLines());
        KinesisVideoEmulator offline = KinesisVideoEmulator.builder().build();
        offline.addSyntheticStream("cam", SyntheticStreamSpec.parse(SPEC));
        EmulatedFragment before =
                offline.groundTruth(
                                "cam",
                                SelectorType.SERVER_TIMESTAMP,
                                START.minusSeconds(60),
                                START.minusMillis(1))
                        .get(0);
        lines.add(json(before));
        write("cam/fragments-a-0-0.jsonl", lines);

        assertThat(verify(dir)).isFalse();
        assertThat(row().get(5)).as("unexpected").isEqualTo("1");
    }

    @Test
    void aFragmentWithOtherFieldsIsNotExact() throws Exception {
        List<String> lines = new ArrayList<>(groundTruthLines());
        lines.set(
                0,
                lines.get(0)
                        .replaceFirst("\"FragmentSizeInBytes\":\\d+", "\"FragmentSizeInBytes\":1"));
        write("cam/fragments-a-0-0.jsonl", lines);

        assertThat(verify(dir)).isFalse();
        assertThat(row().get(6)).as("differing").isEqualTo("1");
    }

    @Test
    void inProgressFilesAreNotPartOfTheIndex() throws Exception {
        List<String> lines = groundTruthLines();
        write("cam/fragments-a-0-0.jsonl", lines);
        write("cam/.fragments-b-0-0.jsonl.inprogress.1234", lines.subList(0, 5));

        assertThat(verify(dir)).isTrue();
    }

    static Stream<Arguments> badArguments() {
        String start = START.toString();
        String end = END.toString();
        return Stream.of(
                bad(
                        "a stream that is not synthetic",
                        List.of("--stream", "live:cam:rate=1/s", "--start", start, "--end", end),
                        "--stream",
                        "live:cam:rate=1/s",
                        "only synthetic streams"),
                bad(
                        "a stream given twice",
                        List.of("--stream", STREAM, "--stream", STREAM, "--start", start),
                        "--stream 'cam' is given twice"),
                bad(
                        "bad synthetic options",
                        List.of("--stream", "synthetic:cam:speed=1", "--start", start),
                        "--stream",
                        "speed"),
                bad("missing stream", List.of("--start", start, "--end", end), "--stream"),
                bad("start not an instant", List.of("--stream", STREAM, "--start", "now"), "'now'"),
                bad(
                        "unknown selector",
                        List.of("--stream", STREAM, "--start", start, "--selector", "x"),
                        "--selector",
                        "SERVER_TIMESTAMP"),
                bad(
                        "start after end",
                        List.of("--stream", STREAM, "--start", end, "--end", start),
                        "must be before --end"),
                bad(
                        "unknown flag",
                        List.of("--stream", STREAM, "--start", start, "--strem", "x"),
                        "Unknown option",
                        "--strem"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badArguments")
    void aBadArgumentExits2WithOneLineNamingTheFlagAndValue(
            String name, List<String> args, String[] expected) {
        List<String> all = new ArrayList<>(args);
        if (!all.contains("--output")) {
            all.addAll(List.of("--output", dir.toString()));
        }
        if (!all.contains("--end") && all.contains("--start")) {
            all.addAll(List.of("--end", END.toString()));
        }
        CliRun run =
                CliRun.of(
                        new BackfillVerifier(new PrintStream(printed)), all.toArray(new String[0]));

        assertThat(run.exitCode()).isEqualTo(Cli.BAD_ARGUMENTS);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("verify: ").contains(expected);
    }

    @Test
    void helpExits0WithTheUsage() {
        CliRun run = CliRun.of(new BackfillVerifier(new PrintStream(printed)), "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.usage()).contains("Usage: verify", "--stream", "default: SERVER_TIMESTAMP");
    }

    @Test
    void anInexactIndexExits1() throws Exception {
        write("cam/fragments-a-0-0.jsonl", groundTruthLines().subList(1, 5));

        CliRun run =
                CliRun.of(
                        new BackfillVerifier(new PrintStream(printed)),
                        "--stream",
                        STREAM,
                        "--start",
                        START.toString(),
                        "--end",
                        END.toString(),
                        "--output",
                        dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(output()).contains("verdict: NOT EXACT");
    }

    private static Arguments bad(String name, List<String> args, String... expected) {
        return Arguments.of(name, args, expected);
    }

    // ------------------------------------------------------------------------

    private boolean verify(Path... outputs) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--stream",
                                STREAM,
                                "--start",
                                START.toString(),
                                "--end",
                                END.toString()));
        for (Path output : outputs) {
            args.add("--output");
            args.add(output.toString());
        }
        return BackfillVerifier.run(
                new PrintStream(printed, true, StandardCharsets.UTF_8),
                args.toArray(new String[0]));
    }

    private String output() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The counts of stream {@code cam}, as printed. */
    private List<String> row() {
        return output().lines()
                .filter(l -> l.startsWith("cam "))
                .findFirst()
                .map(l -> List.of(l.trim().split("\\s+")))
                .orElseThrow();
    }

    private static List<String> groundTruthLines() {
        KinesisVideoEmulator offline = KinesisVideoEmulator.builder().build();
        offline.addSyntheticStream("cam", SyntheticStreamSpec.parse(SPEC));
        List<String> lines =
                offline
                        .groundTruth(
                                "cam", SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1))
                        .stream()
                        .map(BackfillVerifierTest::json)
                        .toList();
        assertThat(lines).hasSizeGreaterThan(20);
        return lines;
    }

    private static String json(EmulatedFragment f) {
        return FragmentJsonLines.toJson(
                new KinesisVideoFragment(
                        "cam",
                        null,
                        f.fragmentNumber(),
                        f.fragmentSizeInBytes(),
                        f.producerTimestamp(),
                        f.serverTimestamp(),
                        f.fragmentLengthInMilliseconds()));
    }

    private void write(String file, List<String> lines) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.write(path, lines);
    }
}
