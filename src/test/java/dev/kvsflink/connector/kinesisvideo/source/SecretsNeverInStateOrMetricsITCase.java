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

package dev.kvsflink.connector.kinesisvideo.source;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.CommonTestUtils;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The access key id, secret key and session token of a running job are in none of its checkpoint or
 * savepoint bytes, nor in any metric's name, value or variables. One tailing job is checkpointed,
 * then stopped with a savepoint; each scan first checks that it holds what the job is about.
 */
class SecretsNeverInStateOrMetricsITCase {

    private static final String ACCESS_KEY = "AKIASTATESECRETS1234";
    private static final String SECRET_KEY = "sTaTeSeCrEtKeY/0123456789abcdefghijklmnop";
    private static final String SESSION_TOKEN = "StAtEsEsSiOnToKeN0123456789";
    private static final String STREAM = "secret-state-cam";

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(
                    b -> b.seed(7).tpsPerStream(0).credentials(ACCESS_KEY, SECRET_KEY));

    @TempDir static Path checkpoints;
    @TempDir static Path savepoints;

    private static byte[] checkpointBytes;
    private static byte[] savepointBytes;
    private static String metricsText;

    /**
     * Runs the job once for all tests, from the first: the extension makes its MiniCluster the
     * default environment only around each test, not in {@code @BeforeAll}.
     */
    private static synchronized void runCheckpointAndStopAJobOnce(MiniCluster cluster)
            throws Exception {
        if (savepointBytes != null) {
            return;
        }
        EMULATOR.emulator().addLiveStream(STREAM, LiveStreamSpec.builder().rate(4).build());
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        // Checkpoints only when triggered below, so none is subsumed (deleted) while it is read.
        env.enableCheckpointing(Duration.ofHours(1).toMillis());
        env.fromSource(source(), WatermarkStrategy.noWatermarks(), "kvs")
                .sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("secrets in state");

        // Once the tail has settled time, the stream's windowLag gauge is registered.
        CommonTestUtils.waitUntilCondition(
                () -> !REPORTER.findMetrics(job.getJobID(), "windowLag").isEmpty());
        metricsText = metricsText();
        checkpointBytes =
                bytesUnder(Path.of(URI.create(cluster.triggerCheckpoint(job.getJobID()).get())));
        String savepoint =
                job.stopWithSavepoint(
                                false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                        .get();
        savepointBytes = bytesUnder(Path.of(URI.create(savepoint)));
    }

    @Test
    void aCheckpointHoldsTheStreamButNoKeyOrToken(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        runCheckpointAndStopAJobOnce(cluster);
        assertThat(contains(checkpointBytes, STREAM)).as("the stream's cursor").isTrue();
        assertNoSecretIn(checkpointBytes);
    }

    @Test
    void aSavepointHoldsTheStreamButNoKeyOrToken(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        runCheckpointAndStopAJobOnce(cluster);
        assertThat(contains(savepointBytes, STREAM)).as("the stream's cursor").isTrue();
        assertNoSecretIn(savepointBytes);
    }

    @Test
    void metricNamesValuesAndVariablesHoldTheStreamButNoKeyOrToken(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        runCheckpointAndStopAJobOnce(cluster);
        assertThat(metricsText).contains("listFragmentsCalls").contains("stream=" + STREAM);
        assertThat(metricsText)
                .doesNotContain(ACCESS_KEY)
                .doesNotContain(SECRET_KEY)
                .doesNotContain(SESSION_TOKEN);
    }

    // ------------------------------------------------------------------------

    private static void assertNoSecretIn(byte[] bytes) {
        for (String secret : List.of(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)) {
            assertThat(contains(bytes, secret)).as(secret).isFalse();
        }
    }

    private static boolean contains(byte[] bytes, String text) {
        // Latin-1 maps each byte to one char, so a byte search becomes a string search.
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }

    /** Every file under {@code dir} (or the file itself), concatenated. */
    private static byte[] bytesUnder(Path path) throws IOException {
        Path dir = Files.isDirectory(path) ? path : path.getParent();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .forEach(
                            f -> {
                                try {
                                    all.write(Files.readAllBytes(f));
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            });
        }
        return all.toByteArray();
    }

    /** Each metric as its identifier, value and its group's variables, one per line. */
    private static String metricsText() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<MetricGroup, Map<String, Metric>> group :
                REPORTER.getMetricsByGroup().entrySet()) {
            String variables = group.getKey().getAllVariables().toString();
            group.getValue()
                    .forEach(
                            (name, metric) ->
                                    text.append(group.getKey().getMetricIdentifier(name))
                                            .append(" = ")
                                            .append(valueOf(metric))
                                            .append(' ')
                                            .append(variables.replace("<", "").replace(">", ""))
                                            .append('\n'));
        }
        return text.toString();
    }

    private static Object valueOf(Metric metric) {
        if (metric instanceof Gauge) {
            return ((Gauge<?>) metric).getValue();
        }
        if (metric instanceof Counter) {
            return ((Counter) metric).getCount();
        }
        return metric.getClass().getSimpleName();
    }

    private static KinesisVideoFragmentSource source() {
        Configuration aws = EmulatorAwsOptions.of(EMULATOR.emulator());
        aws.set(AwsClientOptions.AWS_SESSION_TOKEN, SESSION_TOKEN);
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, Duration.ofSeconds(1));
        options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, Duration.ofMillis(200));
        return KinesisVideoFragmentSource.builder()
                .streams(STREAM)
                .startingAt(Instant.now().minusSeconds(5))
                .awsOptions(aws)
                .sourceOptions(options)
                .build();
    }
}
