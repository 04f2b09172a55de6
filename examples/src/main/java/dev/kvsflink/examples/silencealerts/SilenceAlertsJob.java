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

package dev.kvsflink.examples.silencealerts;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;
import org.apache.flink.util.TimeUtils;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.gaps.SilenceDetector;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSourceBuilder;
import dev.kvsflink.examples.fragmentindex.IndexSummary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Writes a silence alert per camera when it has sent no fragment for longer than a threshold, and
 * one when it resumes ({@link SilenceDetector}), as JSON Lines files ({@link AlertJsonLines})
 * written exactly once by Flink's {@link FileSink}. Over a range ({@code --end}) it finds the gaps
 * that the fragment-index summary prints, and prints the alerts at the end; without {@code --end}
 * it tails until stopped. {@code --demo} runs against the embedded emulator's seeded cameras.
 */
@Command(
        name = "silence-alerts",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Alerts when a camera sends no fragment for longer than a threshold.")
public final class SilenceAlertsJob implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Option(names = "--demo", description = "Run against the embedded emulator's demo cameras.")
    private boolean demo;

    @Option(names = "--stream", paramLabel = "NAME", description = "A stream name or ARN.")
    private List<String> streams = new ArrayList<>();

    @Option(names = "--region", description = "The streams' AWS region.")
    private String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "A control-plane endpoint.")
    private URI endpoint;

    @Option(names = "--start", description = "Read from here (ISO-8601), inclusive.")
    private Instant start;

    @Option(names = "--end", description = "Read up to here, exclusive; tail when left out.")
    private Instant end;

    @Option(
            names = "--threshold",
            defaultValue = "1 min",
            converter = PositiveDuration.class,
            description = "Alert silences longer than this (default: ${DEFAULT-VALUE}).")
    private Duration threshold;

    @Option(
            names = "--selector",
            defaultValue = "SERVER_TIMESTAMP",
            description = "SERVER_TIMESTAMP or PRODUCER_TIMESTAMP (default: ${DEFAULT-VALUE}).")
    private FragmentSelectorType selector;

    @Option(
            names = "--output",
            defaultValue = "silence-alerts",
            description = "The directory of the alert files (default: ${DEFAULT-VALUE}).")
    private java.nio.file.Path output;

    public static void main(String[] args) {
        int code = commandLine().execute(args);
        if (StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment) {
            System.exit(code);
        } else if (code != 0) {
            // On a cluster main may run inside the JobManager: never System.exit there.
            throw new IllegalStateException("silence-alerts failed with exit code " + code);
        }
    }

    /** The command line: exit code 0 on success, 2 on bad arguments, 1 when the job fails. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new SilenceAlertsJob());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(
                (e, failed, parsed) -> {
                    failed.getErr().println("silence-alerts: failed: " + e.getMessage());
                    return 1;
                });
        return cli;
    }

    @Override
    public Integer call() throws Exception {
        if (demo) {
            if (!streams.isEmpty() || region != null || endpoint != null || start != null) {
                throw bad("--demo chooses its own streams, region, endpoint and range");
            }
            try (DemoCameras cameras = DemoCameras.start()) {
                run(DemoCameras.STREAMS, DemoCameras.START, DemoCameras.END, cameras.awsOptions());
            }
            return 0;
        }
        if (streams.isEmpty() || region == null || start == null) {
            throw bad("--stream, --region and --start are required without --demo");
        }
        if (end != null && !end.isAfter(start)) {
            throw bad("--end '" + end + "' must be after --start '" + start + "'");
        }
        Configuration aws = new Configuration();
        aws.set(AwsClientOptions.AWS_REGION, region);
        if (endpoint != null) {
            aws.set(AwsClientOptions.AWS_ENDPOINT, endpoint.toString());
        }
        run(streams, start, end, aws);
        return 0;
    }

    private void run(List<String> streams, Instant start, Instant end, Configuration aws)
            throws Exception {
        KinesisVideoFragmentSourceBuilder source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .selector(selector)
                        .awsOptions(aws);
        if (end == null) {
            source.startingAt(start);
        } else {
            source.range(start, end);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(2_000);
        SilenceDetector.detect(
                        env.fromSource(
                                        source.build(),
                                        WatermarkStrategy
                                                .<KinesisVideoFragment>forMonotonousTimestamps(),
                                        "kinesis-video-fragments")
                                .uid("kinesis-video-fragments"),
                        selector,
                        threshold)
                .uid("silence-alerts")
                .sinkTo(
                        FileSink.forRowFormat(
                                        new Path(output.toAbsolutePath().toUri()),
                                        new AlertJsonLines())
                                .withRollingPolicy(OnCheckpointRollingPolicy.build())
                                .withOutputFileConfig(
                                        OutputFileConfig.builder()
                                                .withPartPrefix("alerts")
                                                .withPartSuffix(".jsonl")
                                                .build())
                                .build())
                .uid("silence-alert-files");
        PrintStream out = System.out;
        out.printf(
                "silence-alerts: %d stream(s) from %s%s, silences over %s, writing to %s%n",
                streams.size(),
                start,
                end == null ? " (tailing until stopped)" : " to " + end,
                threshold,
                output);
        env.execute("silence-alerts");
        for (java.nio.file.Path file : IndexSummary.finishedFiles(output)) {
            Files.readAllLines(file).forEach(out::println);
        }
    }

    private ParameterException bad(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A duration such as {@code 1 min}, {@code 30s} or {@code PT1M}, of at least 1 ms. */
    static final class PositiveDuration implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            Duration d;
            try {
                d = value.startsWith("P") ? Duration.parse(value) : TimeUtils.parseDuration(value);
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a duration (e.g. 1 min, 30s, PT1M)");
            }
            if (d.toMillis() < 1) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' must be at least 1 ms");
            }
            return d;
        }
    }
}
