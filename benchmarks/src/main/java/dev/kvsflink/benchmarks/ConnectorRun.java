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

import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the connector on a MiniCluster of this JVM: the source over a workload's streams at one
 * parallelism, counted by {@link CountingMap}, with checkpoints. While the job runs it watches the
 * sink's count and the job's {@code CheckpointStatsSnapshot}, to record the checkpoint size at
 * mid-run.
 *
 * <p>One MiniCluster (one task manager with as many slots as the largest parallelism) serves every
 * run; one job runs at a time.
 */
final class ConnectorRun implements AutoCloseable {

    private static final long POLL_MILLIS = 100;

    private final MiniCluster cluster;
    private final KinesisVideoEmulator emulator;

    /** What one job measured besides time. */
    record Checkpoints(long midRunBytes, long maxBytes) {}

    /** How one job reads: its parallelism and the source options the benchmark varies. */
    record Settings(
            int parallelism,
            double budgetTps,
            int fetchThreads,
            int splitsInFlight,
            Duration checkpointInterval) {}

    ConnectorRun(KinesisVideoEmulator emulator, int slots) throws Exception {
        this.emulator = emulator;
        Configuration config = new Configuration();
        config.set(TaskManagerOptions.NUM_TASK_SLOTS, slots);
        this.cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(config)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .withRandomPorts()
                                .build());
        cluster.start();
    }

    /**
     * Reads {@code workload} with {@code settings} until the job finishes; fragments go to {@link
     * Tally#SINK}, which is reset first.
     *
     * @param expected the ground truth's count, to know when half has been read
     * @throws Exception if the job fails (a benchmark run must not survive a failure silently)
     */
    Checkpoints run(Workload workload, Settings settings, long expected) throws Exception {
        Tally.SINK.reset();
        JobGraph job = jobGraph(workload, settings);
        JobID id = cluster.submitJob(job).get().getJobID();
        CompletableFuture<JobResult> result = cluster.requestJobResult(id);
        long midRun = -1;
        long max = -1;
        boolean halfRead = false;
        while (!result.isDone()) {
            CompletedCheckpointStats latest = latestCheckpoint(id);
            if (latest != null) {
                max = Math.max(max, latest.getStateSize());
            }
            halfRead |= Tally.SINK.count() * 2 >= expected;
            if (halfRead && midRun < 0 && latest != null) {
                midRun = latest.getStateSize();
            }
            try {
                result.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // poll again
            }
        }
        JobResult jobResult = result.get();
        if (!jobResult.isSuccess()) {
            throw new IllegalStateException(
                    "the benchmark job failed",
                    jobResult
                            .getSerializedThrowable()
                            .map(t -> t.deserializeError(getClass().getClassLoader()))
                            .orElse(null));
        }
        return new Checkpoints(midRun, max);
    }

    private CompletedCheckpointStats latestCheckpoint(JobID id) {
        try {
            var snapshot = cluster.getExecutionGraph(id).get().getCheckpointStatsSnapshot();
            return snapshot == null ? null : snapshot.getHistory().getLatestCompletedCheckpoint();
        } catch (Exception jobNotYetOrNoLongerThere) {
            return null;
        }
    }

    private JobGraph jobGraph(Workload workload, Settings settings) {
        Configuration aws = Configuration.fromMap(emulator.connectorOptions());
        Configuration options = new Configuration();
        options.set(KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, settings.budgetTps());
        options.set(KinesisVideoSourceOptions.READER_FETCH_THREADS, settings.fetchThreads());
        options.set(KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT, settings.splitsInFlight());
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(workload.streams().stream().map(Workload.Stream::name).toList())
                        .selector(FragmentSelectorType.SERVER_TIMESTAMP)
                        .range(workload.start(), workload.end())
                        .region(emulator.region())
                        .endpoint(emulator.controlPlaneEndpoint())
                        .awsOptions(aws)
                        .sourceOptions(options)
                        .build();
        Configuration jobConfig = new Configuration();
        jobConfig.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(jobConfig);
        env.setParallelism(settings.parallelism());
        env.enableCheckpointing(settings.checkpointInterval().toMillis());
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs-fragments")
                .map(new CountingMap())
                .name("count")
                .sinkTo(new DiscardingSink<>())
                .name("discard");
        return env.getStreamGraph().getJobGraph();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
