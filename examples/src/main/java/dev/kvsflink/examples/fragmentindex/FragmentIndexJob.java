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

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.HeartbeatManagerOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSink;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSourceBuilder;
import dev.kvsflink.connector.kinesisvideo.source.StreamRef;
import dev.kvsflink.examples.config.ConnectorConfiguration;

import javax.annotation.Nullable;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds a fragment index: every fragment of some streams in a time range, as JSON Lines files (one
 * directory per stream) written exactly once by Flink's {@link FileSink}, or with {@code
 * --jdbc-url} as rows of a PostgreSQL or SQLite table upserted by Flink's JDBC sink ({@link
 * FragmentIndexTable}), then a summary per stream with its coverage gaps.
 *
 * <p>Runs on a local MiniCluster when started with {@code java -jar}, and on the cluster when
 * submitted with {@code flink run}. {@code --demo} starts the embedded emulator first and indexes
 * its seeded synthetic cameras. With {@code java -jar}: exit code 0 on success, 2 on bad arguments,
 * 1 when the job fails. On a cluster ({@code flink run}, or uploaded and run through the REST API
 * or web UI, where {@code main} runs inside the JobManager) it never calls {@code System.exit}: a
 * failure is an exception from {@code main}, and a detached submission returns once the job is
 * submitted.
 */
public final class FragmentIndexJob {

    private FragmentIndexJob() {}

    public static void main(String[] args) throws Exception {
        if (!(StreamExecutionEnvironment.getExecutionEnvironment()
                instanceof LocalStreamEnvironment)) {
            // Submitted to a cluster: by `flink run`, or through the REST API (the web UI), where
            // this method runs inside the JobManager and System.exit would end the whole cluster.
            // Flink reports an exception thrown from main as the submission's failure.
            Optional<ManagedFlinkProperties> managed =
                    args.length == 0
                            ? ManagedFlinkProperties.read(ManagedFlinkProperties.FILE)
                            : Optional.empty();
            if (managed.isPresent()) {
                // Amazon Managed Service for Apache Flink passes no arguments, only properties.
                ConfiguredFragmentIndexJob.run(
                        managed.get().jobArgs(),
                        managed.get().connectorOptions(),
                        false,
                        System.out);
                return;
            }
            run(FragmentIndexArgs.parse(args), new Configuration(), System.out);
            return;
        }
        FragmentIndexArgs parsed;
        try {
            parsed = FragmentIndexArgs.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("fragment-index: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            if (parsed.demo) {
                try (DemoCameras demo = DemoCameras.start()) {
                    run(demo.argsFor(parsed), demo.awsOptions(), System.out);
                }
            } else {
                run(parsed, new Configuration(), System.out);
            }
            System.exit(0);
        } catch (Exception e) {
            System.err.println("fragment-index: failed: " + reason(e));
            System.exit(1);
        }
    }

    /**
     * Runs the job to its end, printing progress and then the summary to {@code out}. Submitted
     * detached ({@code flink run -d}, or through the REST API), it returns once the job is
     * submitted, without a summary.
     *
     * @param connectorOptions {@code aws.*} options beyond region and endpoint (e.g. credentials)
     *     and {@code source.*} options; other keys are ignored
     * @return the summary, or null when the job was submitted detached
     */
    @Nullable
    public static IndexSummary run(
            FragmentIndexArgs args, Configuration connectorOptions, PrintStream out)
            throws Exception {
        Configuration awsOptions = ConnectorConfiguration.awsOptions(connectorOptions);
        // The flags win over the configuration's source options.
        Configuration sourceOptions = ConnectorConfiguration.sourceOptions(connectorOptions);
        if (args.budgetTps != null) {
            sourceOptions.set(
                    KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, args.budgetTps);
        }
        if (args.window != null) {
            sourceOptions.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, args.window);
        }
        KinesisVideoFragmentSourceBuilder source =
                KinesisVideoFragmentSource.builder()
                        .streams(args.streams.stream().map(StreamRef::id).toList())
                        .selector(args.selector)
                        .region(args.region)
                        .awsOptions(awsOptions)
                        .sourceOptions(sourceOptions);
        if (args.tails()) {
            source.startingAt(args.start);
        } else {
            source.range(args.start, args.end);
        }
        if (args.endpoint != null) {
            source.endpoint(args.endpoint);
        }
        KinesisVideoFragmentSource built = source.build();

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(jobConfiguration(args));
        env.setParallelism(args.parallelism);
        env.enableCheckpointing(2_000);

        DataStream<KinesisVideoFragment> fragments =
                env.fromSource(
                                built,
                                WatermarkStrategy.<KinesisVideoFragment>forMonotonousTimestamps(),
                                "kinesis-video-fragments")
                        // Stable ids: a savepoint maps to its operators even after the job's
                        // code around them changes (Flink derives ids from the graph otherwise).
                        .uid("kinesis-video-fragments")
                        .map(new ProgressCounter(args.selector))
                        .name("progress")
                        .uid("progress");
        if (args.jdbc != null) {
            // Before the job starts, so that a wrong URL, a missing driver or a refused password
            // fails here with the database's own message, and no writer races to create the table.
            FragmentIndexTable.createIfMissing(args.jdbc);
            DataStreamSink<KinesisVideoFragment> rows =
                    fragments
                            .sinkTo(FragmentIndexTable.sink(args.jdbc))
                            .name("fragment-index-jdbc")
                            .uid("fragment-index-jdbc");
            if (args.jdbc.dialect() == JdbcTarget.Dialect.SQLITE) {
                // SQLite lets one writer at a time into a file: more would wait on its lock.
                rows.setParallelism(1);
            }
        } else {
            fragments
                    .sinkTo(
                            FileSink.forRowFormat(
                                            new Path(args.output.toAbsolutePath().toUri()),
                                            new FragmentJsonLines())
                                    .withBucketAssigner(new ByStream())
                                    .withRollingPolicy(OnCheckpointRollingPolicy.build())
                                    .withOutputFileConfig(
                                            OutputFileConfig.builder()
                                                    .withPartPrefix("fragments")
                                                    .withPartSuffix(".jsonl")
                                                    .build())
                                    .build())
                    .name("fragment-index-files")
                    .uid("fragment-index-files");
        }

        out.printf(
                "fragment-index: %d stream(s), %s .. %s by %s, writing to %s%n",
                args.streams.size(),
                args.start,
                args.tails() ? "(tailing until stopped)" : args.end,
                args.selector,
                args.jdbc != null ? args.jdbc.safeUrl() : args.output);
        JobClient job = env.executeAsync("fragment-index");
        if (!(env instanceof LocalStreamEnvironment)
                && !env.getConfiguration().get(DeploymentOptions.ATTACHED)) {
            // The result of a detached job cannot be fetched (and in a web submission this
            // method runs inside the JobManager): the job goes on without this client.
            out.printf("fragment-index: submitted job %s detached%n", job.getJobID());
            return null;
        }
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        Stopper stopper = new Stopper(job, args.savepointDir, out);
        // Ctrl-C stops with a savepoint, a tailing job as a backfill: either resumes from it.
        Thread onCtrlC = new Thread(stopper::stop, "fragment-index-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        ProgressLine progress = new ProgressLine(args.start, args.end, args.streams.size());
        Instant started = Instant.now();
        try {
            while (!result.isDone()) {
                if (args.stopAfter != null
                        && Duration.between(started, Instant.now()).compareTo(args.stopAfter)
                                >= 0) {
                    stopper.stop();
                }
                try {
                    result.get(2, TimeUnit.SECONDS);
                } catch (TimeoutException stillRunning) {
                    printProgress(job, progress, started, out);
                }
            }
        } finally {
            // Also when the job failed: System.exit would otherwise run the hook, which would try
            // to stop the ended job with a savepoint and print that it could not.
            removeHook(onCtrlC);
        }
        result.get();
        IndexSummary summary =
                args.jdbc != null
                        ? FragmentIndexTable.summary(
                                args.jdbc,
                                args.streams.stream().map(StreamRef::name).toList(),
                                args.selector,
                                args.start,
                                args.end,
                                args.gapThreshold)
                        : IndexSummary.read(args.output, args.selector, args.gapThreshold);
        out.printf("fragment-index: done in %s%n", Duration.between(started, Instant.now()));
        summary.print(out);
        return summary;
    }

    private static void printProgress(
            JobClient job, ProgressLine progress, Instant started, PrintStream out) {
        try {
            out.println(
                    progress.render(
                            job.getAccumulators().get(5, TimeUnit.SECONDS),
                            Duration.between(started, Instant.now())));
        } catch (Exception e) {
            // Accumulators are not available while the job starts or ends: skip this line.
        }
    }

    private static Configuration jobConfiguration(FragmentIndexArgs args) {
        Configuration conf = new Configuration();
        // Accumulators reach the client with task heartbeats: beat often enough for the progress
        // line. Only the local MiniCluster reads this; a cluster keeps its own setting.
        conf.set(HeartbeatManagerOptions.HEARTBEAT_INTERVAL, Duration.ofSeconds(1));
        // Submitted to a cluster, the job sets no restart strategy: a strategy set in code would
        // override the cluster's. Restarts must not run out: after a lost TaskManager they can be
        // spent deploying to it until the JobManager notices it is gone (up to the heartbeat
        // timeout), and errors that retrying cannot fix bypass the strategy anyway
        // (source.errors.suppress-restarts).
        if (runsOnLocalMiniCluster()) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        }
        if (args.checkpointDir != null) {
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    args.checkpointDir.toAbsolutePath().toUri().toString());
            conf.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        }
        if (args.fromSavepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, args.fromSavepoint);
        }
        return conf;
    }

    /**
     * Whether a job started now runs on a local MiniCluster in this JVM ({@code java -jar}, an IDE,
     * {@link ConfiguredFragmentIndexJob} with {@code java}) rather than on a cluster it is
     * submitted to.
     */
    static boolean runsOnLocalMiniCluster() {
        return "local"
                .equals(
                        StreamExecutionEnvironment.getExecutionEnvironment()
                                .getConfiguration()
                                .get(DeploymentOptions.TARGET));
    }

    /**
     * The one-line reason for a failed run: the service error when there is one (it names the
     * operation, stream, error type and request id), otherwise the innermost cause.
     */
    static String reason(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KinesisVideoServiceException) {
                return t.getMessage();
            }
            innermost = t;
        }
        return innermost.getMessage() == null ? innermost.toString() : innermost.getMessage();
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it stops the job.
        }
    }

    /**
     * Stops the job once, with a savepoint, so that {@code --from-savepoint} resumes it with no gap
     * and no duplicate; the finished files hold everything before the savepoint. A stop that fails
     * (e.g. requested while the job's tasks are still starting) may be requested again.
     */
    static final class Stopper {
        private final JobClient job;
        private final java.nio.file.Path savepointDir;
        private final PrintStream out;
        private boolean stopped;

        Stopper(JobClient job, java.nio.file.Path savepointDir, PrintStream out) {
            this.job = job;
            this.savepointDir = savepointDir;
            this.out = out;
        }

        synchronized void stop() {
            if (stopped) {
                return;
            }
            try {
                String savepoint =
                        job.stopWithSavepoint(
                                        false,
                                        savepointDir.toAbsolutePath().toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(2, TimeUnit.MINUTES);
                stopped = true;
                out.printf(
                        "fragment-index: stopped with savepoint %s (resume with --from-savepoint)%n",
                        savepoint);
            } catch (Exception e) {
                out.printf("fragment-index: could not stop with a savepoint: %s%n", reason(e));
            }
        }
    }

    /** One directory per stream, named after it. */
    static final class ByStream implements BucketAssigner<KinesisVideoFragment, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getBucketId(KinesisVideoFragment fragment, Context context) {
            return fragment.streamName();
        }

        @Override
        public SimpleVersionedSerializer<String> getSerializer() {
            return SimpleVersionedStringSerializer.INSTANCE;
        }
    }
}
