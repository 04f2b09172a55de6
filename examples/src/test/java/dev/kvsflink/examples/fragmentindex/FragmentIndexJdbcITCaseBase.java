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

import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.examples.testutils.SqlFileQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fragment-index job writing to a database, end to end: the demo's emulated cameras, a local
 * MiniCluster started by the job, Flink's JDBC sink, a real database of each dialect (a subclass
 * per dialect). Two hours of the demo's three cameras, about 7,900 fragments.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FragmentIndexJdbcITCaseBase {
    static final Instant START = DemoCameras.DAY_START.plus(Duration.ofHours(3));
    static final Instant END = START.plus(Duration.ofHours(2));
    static final List<String> STREAMS = List.of("front-door", "parking", "lobby");

    DemoCameras demo;

    /** The database one run of the job wrote, shared by the tests that only read it. */
    JdbcTarget written;

    /** What that run printed. */
    String output;

    /** Starts the database (once per class). */
    abstract void startDatabase() throws Exception;

    /** A new, empty database named {@code name}, with the job's flags to write into it. */
    abstract List<String> newDatabase(String name) throws Exception;

    /** The directory of the dialect's scripts, examples/jdbc/NAME. */
    abstract Path scripts();

    abstract void stopDatabase() throws Exception;

    @BeforeAll
    void runTheJobOnce() throws Exception {
        startDatabase();
        demo = DemoCameras.start();
        List<String> db = newDatabase("first");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        written = runJob(db, new PrintStream(printed, true, StandardCharsets.UTF_8)).jdbc;
        output = printed.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (demo != null) {
                demo.close();
            }
        } finally {
            stopDatabase();
        }
    }

    @Test
    void oneRunWritesExactlyTheEmulatorsFragmentsAsRows() throws Exception {
        assertThat(rows(written)).containsExactlyInAnyOrderElementsOf(groundTruthRows());
    }

    @Test
    void theSummaryIsReadBackFromTheTable() {
        for (String stream : STREAMS) {
            assertThat(output)
                    .containsPattern(stream + "\\s+" + groundTruth(stream).size() + "\\s");
        }
    }

    @Test
    void aSecondRunOverTheSameRangeUpdatesItsRowsInsteadOfAddingAny() throws Exception {
        List<String> db = newDatabase("rerun");
        runJob(db, quiet());
        FragmentIndexArgs second = runJob(db, quiet());

        assertThat(rows(second.jdbc)).containsExactlyInAnyOrderElementsOf(groundTruthRows());
    }

    @Test
    void theCoveringQueryFindsExactlyTheFragmentsThatOverlapTheRange() throws Exception {
        SqlFileQuery query = SqlFileQuery.read(scripts().resolve("fragments-covering.sql"));
        Random random = new Random(42);
        try (Connection c = FragmentIndexTable.connect(written)) {
            for (String stream : STREAMS) {
                List<EmulatedFragment> truth = groundTruth(stream);
                for (int i = 0; i < 12; i++) {
                    // The first range starts exactly at one fragment's start and ends exactly at
                    // another's; the second is the 1 ms right at one fragment's end (which that
                    // fragment does not cover); the others are random, from 1 ms to 10 min.
                    EmulatedFragment ending = truth.get(30);
                    Instant endOfOne =
                            ending.serverTimestamp()
                                    .plusMillis(ending.fragmentLengthInMilliseconds());
                    Instant randomStart =
                            START.plusMillis(random.nextInt((int) Duration.ofHours(2).toMillis()));
                    Instant t1 =
                            i == 0
                                    ? truth.get(10).serverTimestamp()
                                    : i == 1 ? endOfOne : randomStart;
                    int randomLength = 1 + random.nextInt(i % 2 == 0 ? 3_000 : 600_000);
                    Instant t2 =
                            i == 0
                                    ? truth.get(20).serverTimestamp()
                                    : t1.plusMillis(i == 1 ? 1 : randomLength);
                    List<String> expected =
                            truth.stream()
                                    .filter(f -> covers(f, t1, t2))
                                    .sorted(
                                            Comparator.comparing(EmulatedFragment::serverTimestamp)
                                                    .thenComparing(
                                                            EmulatedFragment::fragmentNumber))
                                    .map(EmulatedFragment::fragmentNumber)
                                    .toList();

                    if (i == 1) {
                        assertThat(expected).doesNotContain(ending.fragmentNumber());
                    }
                    List<String> found =
                            query.column(
                                    c,
                                    Map.of(
                                            "stream",
                                            stream,
                                            "t1",
                                            t1.toString(),
                                            "t2",
                                            t2.toString()),
                                    "FragmentNumber");

                    assertThat(found)
                            .as("%s over [%s, %s)", stream, t1, t2)
                            .containsExactlyElementsOf(expected);
                }
            }
        }
    }

    /** Whether {@code f} covers some instant of {@code [t1, t2)}, by server timestamp. */
    private static boolean covers(EmulatedFragment f, Instant t1, Instant t2) {
        Instant start = f.serverTimestamp();
        Instant end = start.plusMillis(f.fragmentLengthInMilliseconds());
        return start.isBefore(t2) && end.isAfter(t1);
    }

    FragmentIndexArgs runJob(List<String> database, PrintStream out) throws Exception {
        List<String> flags = new ArrayList<>();
        flags.addAll(
                List.of(
                        "--region", demo.emulator().region(),
                        "--endpoint", demo.emulator().controlPlaneEndpoint().toString(),
                        "--start", START.toString(),
                        "--end", END.toString(),
                        "--parallelism", "2"));
        for (String stream : STREAMS) {
            flags.addAll(List.of("--stream", stream));
        }
        flags.addAll(database);
        FragmentIndexArgs args = FragmentIndexArgs.parse(flags.toArray(new String[0]));
        FragmentIndexJob.run(args, demo.awsOptions(), out);
        return args;
    }

    List<EmulatedFragment> groundTruth(String stream) {
        return demo.emulator()
                .groundTruth(stream, SelectorType.SERVER_TIMESTAMP, START, END.minusMillis(1));
    }

    /** Every fragment in the range, as {@link #rows} reads it back. */
    List<String> groundTruthRows() {
        List<String> expected = new ArrayList<>();
        for (String stream : STREAMS) {
            for (EmulatedFragment f : groundTruth(stream)) {
                expected.add(
                        String.join(
                                "|",
                                stream,
                                f.fragmentNumber(),
                                "null",
                                Long.toString(f.fragmentSizeInBytes()),
                                FragmentJsonLines.format(f.producerTimestamp()),
                                FragmentJsonLines.format(f.serverTimestamp()),
                                Long.toString(f.fragmentLengthInMilliseconds())));
            }
        }
        return expected;
    }

    /** Every row of the table, each column as text (timestamps as in the JSON Lines output). */
    static List<String> rows(JdbcTarget target) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = FragmentIndexTable.connect(target);
                Statement s = c.createStatement();
                ResultSet r =
                        s.executeQuery(
                                "SELECT StreamName, FragmentNumber, StreamARN,"
                                        + " FragmentSizeInBytes, ProducerTimestamp,"
                                        + " ServerTimestamp, FragmentLengthInMilliseconds"
                                        + " FROM fragment_index")) {
            while (r.next()) {
                rows.add(
                        String.join(
                                "|",
                                r.getString(1),
                                r.getString(2),
                                String.valueOf(r.getString(3)),
                                Long.toString(r.getLong(4)),
                                FragmentJsonLines.format(
                                        FragmentIndexTable.timestamp(target.dialect(), r, 5)),
                                FragmentJsonLines.format(
                                        FragmentIndexTable.timestamp(target.dialect(), r, 6)),
                                Long.toString(r.getLong(7))));
            }
        }
        return rows;
    }

    static PrintStream quiet() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
