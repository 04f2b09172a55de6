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

package dev.kvsflink.examples.gettingstarted;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.gettingstarted.FragmentsPerMinute.MinuteCount;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The getting-started job against the emulator: its counts per stream and minute are the emulator's
 * ground truth, grouped offline.
 */
class FragmentsPerMinuteITCase {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(20));

    private KinesisVideoEmulator emulator;

    @BeforeEach
    void startEmulator() {
        emulator = KinesisVideoEmulator.builder().seed(5).build().start();
        emulator.addSyntheticStream("cam-1", camera(1, Duration.ofSeconds(2)));
        emulator.addSyntheticStream("cam-2", camera(2, Duration.ofSeconds(7)));
    }

    @AfterEach
    void stopEmulator() {
        emulator.close();
    }

    @Test
    void countsPerStreamAndMinuteEqualTheGroundTruth() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams("cam-1", "cam-2")
                        .range(START, END)
                        .awsOptions(Configuration.fromMap(emulator.connectorOptions()))
                        .build();

        List<String> counted = new ArrayList<>();
        FragmentsPerMinute.perMinute(env, source)
                .executeAndCollect()
                .forEachRemaining(c -> counted.add(c.toString()));

        assertThat(counted).containsExactlyInAnyOrderElementsOf(groundTruthPerMinute());
    }

    @Test
    void mainPrintsTheCountsOfABoundedRange() throws Exception {
        // main takes credentials from the SDK's default chain, which reads these properties.
        System.setProperty("aws.accessKeyId", emulator.accessKey());
        System.setProperty("aws.secretAccessKey", emulator.secretKey());
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            // The command main launches, without main's System.exit (it would end this JVM).
            exitCode =
                    Cli.of(new FragmentsPerMinute())
                            .execute(
                                    new String[] {
                                        "--stream", "cam-1",
                                        "--stream", "cam-2",
                                        "--start", START.toString(),
                                        "--end", END.toString(),
                                        "--region", emulator.region(),
                                        "--endpoint", emulator.controlPlaneEndpoint().toString()
                                    });
        } finally {
            System.setOut(stdout);
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertThat(exitCode).isEqualTo(0);

        // print() prefixes each line with the printing subtask ("1> ") when parallel.
        List<String> lines =
                printed.toString(StandardCharsets.UTF_8)
                        .lines()
                        .filter(l -> l.contains(" fragments "))
                        .map(l -> l.replaceFirst("^\\d+> ", ""))
                        .toList();
        assertThat(lines).containsExactlyInAnyOrderElementsOf(groundTruthPerMinute());
    }

    private List<String> groundTruthPerMinute() {
        List<String> expected = new ArrayList<>();
        for (String stream : List.of("cam-1", "cam-2")) {
            Map<Instant, long[]> minutes = new TreeMap<>();
            for (EmulatedFragment f :
                    emulator.groundTruth(
                            stream, SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1))) {
                long[] m =
                        minutes.computeIfAbsent(
                                f.serverTimestamp().truncatedTo(ChronoUnit.MINUTES),
                                k -> new long[2]);
                m[0]++;
                m[1] += f.fragmentSizeInBytes();
            }
            minutes.forEach(
                    (minute, m) ->
                            expected.add(new MinuteCount(stream, minute, m[0], m[1]).toString()));
        }
        // Not vacuous: both streams, most minutes (a minute inside an outage has no line).
        assertThat(expected).hasSizeGreaterThan(30).anyMatch(l -> l.startsWith("cam-2 "));
        return expected;
    }

    private static SyntheticStreamSpec camera(long seed, Duration interval) {
        return SyntheticStreamSpec.builder()
                .seed(seed)
                .start(START)
                .fragments(Duration.ofMinutes(20).dividedBy(interval))
                .interval(interval)
                .build();
    }
}
