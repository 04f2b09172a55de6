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

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A benchmark of the tail mode (not a test): against live emulator streams with a 1 s visibility
 * delay and the service's 5 calls/s quota, it measures the latency from a fragment becoming
 * listable to its emission by the source (p50, p99, max) and the {@code ListFragments} calls per
 * second on a busy and on a silent stream, for the default options and a low-latency setting, side
 * by side in one run.
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl benchmarks exec:exec \
 *     -Dbenchmark.main=dev.kvsflink.benchmarks.TailLatencyBenchmark -Dbenchmark.args=30
 * }</pre>
 *
 * <p>(Not {@code exec:java}: Flink's MiniCluster cannot load its operator classes through the class
 * loader that plugin gives the job.)
 *
 * <p>The argument is the seconds each configuration runs (default 30; the first 5 are warm-up).
 */
public final class TailLatencyBenchmark {

    private static final Duration VISIBILITY = Duration.ofSeconds(1);
    private static final double BUSY_RATE = 10;

    private TailLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        List<String> rows = new ArrayList<>();
        rows.add(
                run(
                        "defaults (lag 5 s, poll 1 s)",
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(1),
                        seconds));
        rows.add(
                run(
                        "low latency (lag 1.5 s, poll 250 ms)",
                        Duration.ofMillis(1500),
                        Duration.ofMillis(250),
                        seconds));
        System.out.printf(
                "%nTail latency, listable -> emitted, %d s per configuration, busy stream %.0f"
                        + " fragments/s, visibility delay %s, quota 5 calls/s per stream%n",
                seconds, BUSY_RATE, VISIBILITY);
        System.out.printf(
                "%-38s %8s %8s %8s %10s %14s %14s%n",
                "configuration",
                "p50 ms",
                "p99 ms",
                "max ms",
                "fragments",
                "busy calls/s",
                "idle calls/s");
        rows.forEach(System.out::println);
    }

    private static String run(String name, Duration lag, Duration poll, int seconds)
            throws Exception {
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder().seed(1).tpsPerStream(5).build().start()) {
            emulator.addLiveStream(
                    "busy",
                    LiveStreamSpec.builder().rate(BUSY_RATE).visibilityDelay(VISIBILITY).build());
            emulator.addLiveStream("idle", LiveStreamSpec.builder().build()).pause();
            Configuration options = new Configuration();
            options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, lag);
            options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, poll);
            KinesisVideoFragmentSource source =
                    KinesisVideoFragmentSource.builder()
                            .streams("busy", "idle")
                            .startingAt(Instant.now())
                            .region(emulator.region())
                            .endpoint(emulator.controlPlaneEndpoint())
                            .awsOptions(credentials(emulator))
                            .sourceOptions(options)
                            .build();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            LatencyMap.LATENCIES.clear();
            env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                    .map(new LatencyMap())
                    .sinkTo(new DiscardingSink<>());
            JobClient job = env.executeAsync(name);
            Thread.sleep(5_000);
            LatencyMap.LATENCIES.clear();
            long busyBefore = emulator.counters().requests(Operation.LIST_FRAGMENTS, "busy");
            long idleBefore = emulator.counters().requests(Operation.LIST_FRAGMENTS, "idle");
            long measuredFrom = System.nanoTime();
            Thread.sleep(Math.max(1, seconds - 5) * 1000L);
            double elapsed = (System.nanoTime() - measuredFrom) / 1e9;
            long busyCalls = emulator.counters().requests(Operation.LIST_FRAGMENTS, "busy");
            long idleCalls = emulator.counters().requests(Operation.LIST_FRAGMENTS, "idle");
            job.cancel().get();
            List<Long> latencies = new ArrayList<>(LatencyMap.LATENCIES);
            Collections.sort(latencies);
            return String.format(
                    "%-38s %8d %8d %8d %10d %14.2f %14.2f",
                    name,
                    percentile(latencies, 0.50),
                    percentile(latencies, 0.99),
                    latencies.isEmpty() ? -1 : latencies.get(latencies.size() - 1),
                    latencies.size(),
                    (busyCalls - busyBefore) / elapsed,
                    (idleCalls - idleBefore) / elapsed);
        }
    }

    private static Configuration credentials(KinesisVideoEmulator emulator) {
        Configuration aws = new Configuration();
        aws.set(
                AwsClientOptions.AWS_CREDENTIALS_PROVIDER,
                AwsClientOptions.CredentialsProvider.BASIC);
        aws.set(AwsClientOptions.AWS_ACCESS_KEY_ID, emulator.accessKey());
        aws.set(AwsClientOptions.AWS_SECRET_ACCESS_KEY, emulator.secretKey());
        return aws;
    }

    private static long percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size())));
    }

    /** Records, per fragment, how long after it became listable it was emitted. */
    private static final class LatencyMap
            implements MapFunction<KinesisVideoFragment, KinesisVideoFragment> {
        static final Queue<Long> LATENCIES = new ConcurrentLinkedQueue<>();

        @Override
        public KinesisVideoFragment map(KinesisVideoFragment fragment) {
            long listableAt = fragment.serverTimestamp().plus(VISIBILITY).toEpochMilli();
            LATENCIES.add(System.currentTimeMillis() - listableAt);
            return fragment;
        }
    }
}
