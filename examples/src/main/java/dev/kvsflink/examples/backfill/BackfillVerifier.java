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
import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.fragmentindex.IndexSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Checks that fragment-index output directories hold every fragment of a range exactly once,
 * against the emulator's ground truth: the union of their finished JSON Lines files must be exactly
 * the fragments that the emulator's synthetic streams hold in {@code [start, end)}.
 *
 * <pre>
 * java -cp fragment-index.jar dev.kvsflink.examples.backfill.BackfillVerifier \
 *     --stream synthetic:front-door:seed=21,interval=2s,fragments=32400 \
 *     --start 2026-01-01T00:00:00Z --end 2026-01-01T18:00:00Z --output index [--output more]
 * </pre>
 *
 * <p>Each {@code --stream} is given exactly as the emulator ({@code EmulatorMain}) got it: a
 * synthetic stream's fragments are a pure function of its spec, so this program computes them
 * offline, with no emulator running. Prints a table per stream and a verdict line; exit code 0 when
 * exact, 1 when not, 2 on bad arguments.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        sortOptions = false,
        description =
                "Checks that fragment-index output directories hold every fragment of a range"
                        + " exactly once, against the emulator's ground truth. Exit codes: 0 exact,"
                        + " 1 not exact, 2 bad arguments.")
public final class BackfillVerifier implements Callable<Integer> {

    @Option(
            names = "--stream",
            paramLabel = "synthetic:NAME:OPTIONS",
            required = true,
            description =
                    "A synthetic stream exactly as the emulator got it (repeatable): only synthetic"
                            + " streams have a ground truth to compute offline.")
    List<String> streams = new ArrayList<>();

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            required = true,
            description = "The range's start, inclusive (ISO-8601 UTC).")
    Instant start;

    @Option(
            names = "--end",
            paramLabel = "INSTANT",
            required = true,
            description = "The range's end, exclusive (ISO-8601 UTC).")
    Instant end;

    @Option(
            names = "--selector",
            paramLabel = "SELECTOR",
            description =
                    "Which timestamp the range applies to: ${COMPLETION-CANDIDATES} (default:"
                            + " ${DEFAULT-VALUE}).")
    SelectorType selector = SelectorType.SERVER_TIMESTAMP;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            required = true,
            description = "An output directory of the fragment-index job (repeatable).")
    List<Path> outputs = new ArrayList<>();

    @Spec CommandSpec spec;

    private final PrintStream out;

    BackfillVerifier(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(Cli.of(new BackfillVerifier(System.out)).execute(args));
    }

    /**
     * Verifies as {@code args} say and prints the result to {@code out}.
     *
     * @return whether the output is exact
     * @throws picocli.CommandLine.ParameterException on bad arguments
     */
    public static boolean run(PrintStream out, String... args) throws IOException {
        BackfillVerifier verifier = new BackfillVerifier(out);
        CommandLine cli = Cli.of(verifier);
        cli.parseArgs(args);
        return verifier.verify(cli);
    }

    @Override
    public Integer call() throws IOException {
        return verify(spec.commandLine()) ? 0 : 1;
    }

    private boolean verify(CommandLine cli) throws IOException {
        Map<String, SyntheticStreamSpec> specs = new LinkedHashMap<>();
        for (String stream : streams) {
            String[] parts = stream.split(":", 3);
            Cli.require(
                    cli,
                    parts.length == 3 && parts[0].equals("synthetic") && !parts[1].isEmpty(),
                    "--stream expects synthetic:NAME:OPTIONS (as the emulator got it), got '"
                            + stream
                            + "': only synthetic streams have a ground truth to compute offline");
            Cli.require(
                    cli,
                    !specs.containsKey(parts[1]),
                    "--stream '" + parts[1] + "' is given twice");
            try {
                specs.put(parts[1], SyntheticStreamSpec.parse(parts[2]));
            } catch (IllegalArgumentException e) {
                throw Cli.badArgument(cli, "--stream '" + stream + "': " + e.getMessage());
            }
        }
        Cli.require(cli, start.isBefore(end), "--start " + start + " must be before --end " + end);
        for (Path output : outputs) {
            Cli.require(
                    cli, Files.isDirectory(output), "--output " + output + " is not a directory");
        }

        KinesisVideoEmulator offline = KinesisVideoEmulator.builder().build();
        Map<String, List<EmulatedFragment>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, SyntheticStreamSpec> stream : specs.entrySet()) {
            offline.addSyntheticStream(stream.getKey(), stream.getValue());
            // The range is half-open; the ground truth's is inclusive at both ends.
            expected.put(
                    stream.getKey(),
                    offline.groundTruth(stream.getKey(), selector, start, end.minusMillis(1)));
        }
        List<String> lines = new ArrayList<>();
        int files = 0;
        for (Path output : outputs) {
            for (Path file : IndexSummary.finishedFiles(output)) {
                lines.addAll(Files.readAllLines(file));
                files++;
            }
        }
        out.printf(
                "verify: [%s, %s) by %s, %d finished file(s) in %s%n",
                start, end, selector, files, outputs);
        IndexComparison comparison = IndexComparison.of(expected, lines);
        comparison.print(out);
        return comparison.exact();
    }
}
