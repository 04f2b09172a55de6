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
import dev.kvsflink.examples.fragmentindex.IndexSummary;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
public final class BackfillVerifier {

    static final String USAGE =
            String.join(
                    "\n",
                    "Usage: java -cp fragment-index.jar dev.kvsflink.examples.backfill.BackfillVerifier",
                    "         --stream synthetic:NAME:OPTIONS [--stream ...]",
                    "         --start 2026-01-01T00:00:00Z --end 2026-01-02T00:00:00Z",
                    "         [--selector SERVER_TIMESTAMP|PRODUCER_TIMESTAMP]",
                    "         --output DIR [--output DIR ...]");

    private BackfillVerifier() {}

    public static void main(String[] args) throws IOException {
        int code;
        try {
            code = run(System.out, args) ? 0 : 1;
        } catch (IllegalArgumentException e) {
            System.err.println("verify: " + e.getMessage() + "\n" + USAGE);
            code = 2;
        }
        System.exit(code);
    }

    /**
     * Verifies as {@code args} say and prints the result to {@code out}.
     *
     * @return whether the output is exact
     * @throws IllegalArgumentException on bad arguments
     */
    public static boolean run(PrintStream out, String... args) throws IOException {
        Map<String, SyntheticStreamSpec> streams = new LinkedHashMap<>();
        List<Path> outputs = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        SelectorType selector = SelectorType.SERVER_TIMESTAMP;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            switch (flag) {
                case "--stream" -> addStream(streams, value);
                case "--start" -> start = instant(flag, value);
                case "--end" -> end = instant(flag, value);
                case "--selector" -> selector = selector(value);
                case "--output" -> outputs.add(Path.of(value));
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        require(!streams.isEmpty(), "at least one --stream is required");
        require(start != null && end != null, "--start and --end are required");
        require(start.isBefore(end), "--start must be before --end");
        require(!outputs.isEmpty(), "at least one --output is required");

        KinesisVideoEmulator offline = KinesisVideoEmulator.builder().build();
        Map<String, List<EmulatedFragment>> expected = new LinkedHashMap<>();
        for (Map.Entry<String, SyntheticStreamSpec> stream : streams.entrySet()) {
            offline.addSyntheticStream(stream.getKey(), stream.getValue());
            // The range is half-open; the ground truth's is inclusive at both ends.
            expected.put(
                    stream.getKey(),
                    offline.groundTruth(stream.getKey(), selector, start, end.minusMillis(1)));
        }
        List<String> lines = new ArrayList<>();
        int files = 0;
        for (Path output : outputs) {
            require(Files.isDirectory(output), "--output " + output + " is not a directory");
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

    private static void addStream(Map<String, SyntheticStreamSpec> streams, String argument) {
        String[] parts = argument.split(":", 3);
        require(
                parts.length == 3 && parts[0].equals("synthetic") && !parts[1].isEmpty(),
                "--stream expects synthetic:NAME:OPTIONS (as the emulator got it), got '"
                        + argument
                        + "': only synthetic streams have a ground truth to compute offline");
        streams.put(parts[1], SyntheticStreamSpec.parse(parts[2]));
    }

    private static Instant instant(String flag, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    flag + " '" + value + "' is not an ISO-8601 UTC instant");
        }
    }

    private static SelectorType selector(String value) {
        try {
            return SelectorType.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--selector '" + value + "' is not SERVER_TIMESTAMP or PRODUCER_TIMESTAMP");
        }
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
