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

package dev.kvsflink.examples.fragmentindex;

import org.apache.flink.configuration.Configuration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvsflink.connector.kinesisvideo.emulator.AppendableStream;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.examples.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fragment-index job end to end: a local MiniCluster started by the job itself (as with {@code
 * java -jar}), the real SDK client over HTTP, the emulator's ground truth.
 */
class FragmentIndexJobITCase {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir Path tmp;

    @Test
    void demoIndexHoldsEveryFragmentOfTheDayExactlyOnce() throws Exception {
        Path output = tmp.resolve("demo");
        try (DemoCameras demo = DemoCameras.start()) {
            FragmentIndexArgs args =
                    demo.argsFor(
                            FragmentIndexArgs.parse(
                                    "--demo", "--output", output.toString(), "--parallelism", "2"));

            IndexSummary summary = FragmentIndexJob.run(args, demo.awsOptions(), quiet());

            List<String> expected = new ArrayList<>();
            for (String stream : List.of("front-door", "parking", "lobby")) {
                for (EmulatedFragment f :
                        demo.emulator()
                                .groundTruth(
                                        stream,
                                        SelectorType.SERVER_TIMESTAMP,
                                        DemoCameras.DAY_START,
                                        DemoCameras.DAY_END.minusMillis(1))) {
                    expected.add(jsonLine(stream, f));
                }
            }
            assertThat(indexLines(output)).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(summary.streams().get("lobby").fragments())
                    .isEqualTo(
                            demo.emulator()
                                    .groundTruth(
                                            "lobby",
                                            SelectorType.SERVER_TIMESTAMP,
                                            DemoCameras.DAY_START,
                                            DemoCameras.DAY_END.minusMillis(1))
                                    .size());
        }
    }

    @Test
    void producerSelectorIndexesByProducerClockWithEndExclusive() throws Exception {
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder().seed(3).build().start()) {
            AppendableStream cam = emulator.createStream("skewed-cam");
            Instant t0 = Instant.parse("2026-03-01T10:00:00Z");
            // Producer clock 90 s behind the server: the two selectors pick different fragments.
            for (int i = 0; i < 120; i++) {
                Instant server = t0.plusSeconds(2L * i);
                cam.append(server.minusSeconds(90), server);
            }
            Instant start = t0;
            Instant end = t0.plusSeconds(60);
            Path output = tmp.resolve("producer");

            FragmentIndexJob.run(
                    FragmentIndexArgs.parse(
                            "--region", emulator.region(),
                            "--endpoint", emulator.controlPlaneEndpoint().toString(),
                            "--stream", "skewed-cam",
                            "--selector", "PRODUCER_TIMESTAMP",
                            "--start", start.toString(),
                            "--end", end.toString(),
                            "--output", output.toString()),
                    basicCredentials(emulator),
                    quiet());

            List<String> expected =
                    emulator
                            .groundTruth(
                                    "skewed-cam",
                                    SelectorType.PRODUCER_TIMESTAMP,
                                    start,
                                    end.minusMillis(1))
                            .stream()
                            .map(f -> jsonLine("skewed-cam", f))
                            .toList();
            // Producer times 10:00:00 .. 10:00:58 belong to server times 10:01:30 .. 10:02:28.
            assertThat(expected).hasSize(30);
            assertThat(indexLines(output)).containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void unknownStreamFailsTheJobNamingTheStreamAndTheErrorType() throws Exception {
        try (KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().build().start()) {
            FragmentIndexArgs args =
                    FragmentIndexArgs.parse(
                            "--region",
                            emulator.region(),
                            "--endpoint",
                            emulator.controlPlaneEndpoint().toString(),
                            "--stream",
                            "no-such-camera",
                            "--start",
                            "2026-01-01T00:00:00Z",
                            "--end",
                            "2026-01-01T01:00:00Z",
                            "--output",
                            tmp.resolve("none").toString());

            assertThatThrownBy(
                            () -> FragmentIndexJob.run(args, basicCredentials(emulator), quiet()))
                    .satisfies(
                            e ->
                                    assertThat(Cli.reason(e))
                                            .contains("no-such-camera")
                                            .contains("ResourceNotFoundException")
                                            .contains("request id"));
        }
    }

    @Test
    void withoutAnEndTheJobTailsUntilStoppedAndResumesFromItsSavepointWithNoGapOrDuplicate()
            throws Exception {
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder().seed(5).build().start()) {
            emulator.addLiveStream("live-cam", LiveStreamSpec.builder().rate(5).build());
            Instant start = Instant.now();
            Path output = tmp.resolve("tail");
            Path savepoints = tmp.resolve("savepoints");
            String[] tail = {
                "--region", emulator.region(),
                "--endpoint", emulator.controlPlaneEndpoint().toString(),
                "--stream", "live-cam",
                "--start", start.toString(),
                "--output", output.toString(),
                "--savepoint-dir", savepoints.toString(),
                "--stop-after", "PT6S"
            };

            FragmentIndexJob.run(
                    FragmentIndexArgs.parse(tail), basicCredentials(emulator), quiet());
            List<String> firstRun = indexLines(output);
            Thread.sleep(2_000); // fragments arrive while no job runs
            String savepoint = onlyEntry(savepoints);
            String[] resumed = Arrays.copyOf(tail, tail.length + 2);
            resumed[tail.length] = "--from-savepoint";
            resumed[tail.length + 1] = savepoint;
            FragmentIndexJob.run(
                    FragmentIndexArgs.parse(resumed), basicCredentials(emulator), quiet());
            Instant secondStopped = Instant.now();

            List<String> lines = indexLines(output);
            assertThat(firstRun).isNotEmpty();
            assertThat(lines).doesNotHaveDuplicates().hasSizeGreaterThan(firstRun.size());
            // A gapless prefix of the stream, reaching at least the stop time minus the default
            // 5 s consistency lag (and a poll and a checkpoint of slack).
            List<EmulatedFragment> truth =
                    emulator.groundTruth(
                            "live-cam", SelectorType.SERVER_TIMESTAMP, start, secondStopped);
            List<String> expected =
                    truth.stream().limit(lines.size()).map(f -> jsonLine("live-cam", f)).toList();
            assertThat(lines).containsExactlyInAnyOrderElementsOf(expected);
            long reached = truth.get(lines.size() - 1).serverTimestamp().toEpochMilli();
            assertThat(reached).isGreaterThan(secondStopped.toEpochMilli() - 10_000);
        }
    }

    private static String onlyEntry(Path directory) throws IOException {
        try (var entries = Files.list(directory)) {
            List<Path> all = entries.toList();
            assertThat(all).hasSize(1);
            return all.get(0).toString();
        }
    }

    private static Configuration basicCredentials(KinesisVideoEmulator emulator) {
        Configuration options = new Configuration();
        options.setString("aws.credentials.provider", "BASIC");
        options.setString("aws.credentials.basic.accesskeyid", emulator.accessKey());
        options.setString("aws.credentials.basic.secretkey", emulator.secretKey());
        return options;
    }

    /** What the job must write for {@code f}, in the job's own format, parsed back to compare. */
    private static String jsonLine(String stream, EmulatedFragment f) {
        return String.join(
                "|",
                stream,
                f.fragmentNumber(),
                Long.toString(f.fragmentSizeInBytes()),
                FragmentJsonLines.format(f.producerTimestamp()),
                FragmentJsonLines.format(f.serverTimestamp()),
                Long.toString(f.fragmentLengthInMilliseconds()));
    }

    private static List<String> indexLines(Path output) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path file : IndexSummary.finishedFiles(output)) {
            for (String line : Files.readAllLines(file)) {
                JsonNode n = MAPPER.readTree(line);
                lines.add(
                        String.join(
                                "|",
                                n.get("StreamName").asText(),
                                n.get("FragmentNumber").asText(),
                                n.get("FragmentSizeInBytes").asText(),
                                n.get("ProducerTimestamp").asText(),
                                n.get("ServerTimestamp").asText(),
                                n.get("FragmentLengthInMilliseconds").asText()));
            }
        }
        return lines;
    }

    private static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
