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

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelector;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.TimestampRange;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Measures how many {@code ListFragments} requests per second the emulator serves, with pages of
 * 1000 fragments of a 10-million-fragment synthetic stream, to the real SDK client (signatures
 * verified, quota off, full pages) from a few threads, each with its own client as a reader has.
 * Not a test: run it by hand (docs/emulator.md).
 *
 * <pre>
 * mvn -B -ntp -q -pl benchmarks exec:exec \
 *     -Dbenchmark.main=dev.kvsflink.benchmarks.EmulatorBenchmark -Dbenchmark.args="1,4,8 10"
 * </pre>
 *
 * <p>Arguments: the thread counts to measure (default {@code 1,4,8}) and the seconds each is
 * measured for after a warm-up of 3 s (default 10). Every loop is bounded by time.
 */
public final class EmulatorBenchmark {

    private static final String STREAM = "bench-10m";
    private static final int PAGE = 1000;
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private EmulatorBenchmark() {}

    public static void main(String[] args) throws Exception {
        String[] threadCounts = (args.length > 0 ? args[0] : "1,4,8").split(",");
        Duration measured = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 10);
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder()
                        .seed(1)
                        .fullPages()
                        .tpsPerStream(0)
                        .build()
                        .start()) {
            emulator.addSyntheticStream(
                    STREAM, SyntheticStreamSpec.builder().seed(1).fragments(10_000_000).build());
            System.out.printf(
                    Locale.ROOT,
                    "KVS emulator benchmark: ListFragments, MaxResults %d, 10M-fragment synthetic"
                            + " stream, SigV4 verified, %d cores%n",
                    PAGE,
                    Runtime.getRuntime().availableProcessors());
            run(emulator, 2, Duration.ofSeconds(3)); // warm-up, not reported
            for (String threads : threadCounts) {
                emulator.counters().reset();
                Result result = run(emulator, Integer.parseInt(threads.trim()), measured);
                System.out.printf(
                        Locale.ROOT,
                        "threads %2d: %8.1f requests/s  %10.0f fragments/s  mean latency %6.2f ms"
                                + "  (%d requests, emulator counted %d pages)%n",
                        result.threads,
                        result.requests / result.seconds,
                        result.fragments / result.seconds,
                        result.seconds * 1000 * result.threads / Math.max(1, result.requests),
                        result.requests,
                        emulator.counters().pages());
            }
        }
    }

    private record Result(int threads, long requests, long fragments, double seconds) {}

    private static Result run(KinesisVideoEmulator emulator, int threads, Duration duration)
            throws Exception {
        LongAdder requests = new LongAdder();
        LongAdder fragments = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long started = System.nanoTime();
        long deadline = started + duration.toNanos();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long seed = t;
            workers.add(
                    pool.submit(() -> readUntil(emulator, deadline, seed, requests, fragments)));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        pool.shutdown();
        return new Result(threads, requests.sum(), fragments.sum(), seconds);
    }

    /** Lists random 100,000-fragment windows page by page until the deadline. */
    private static Void readUntil(
            KinesisVideoEmulator emulator,
            long deadline,
            long seed,
            LongAdder requests,
            LongAdder fragments) {
        StaticCredentialsProvider credentials =
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKey(), emulator.secretKey()));
        URI dataEndpoint;
        try (KinesisVideoClient control =
                KinesisVideoClient.builder()
                        .endpointOverride(emulator.controlPlaneEndpoint())
                        .region(Region.of(emulator.region()))
                        .credentialsProvider(credentials)
                        .build()) {
            dataEndpoint =
                    URI.create(
                            control.getDataEndpoint(
                                            r ->
                                                    r.streamName(STREAM)
                                                            .apiName(APIName.LIST_FRAGMENTS))
                                    .dataEndpoint());
        }
        SplittableRandom random = new SplittableRandom(seed);
        try (KinesisVideoArchivedMediaClient media =
                KinesisVideoArchivedMediaClient.builder()
                        .endpointOverride(dataEndpoint)
                        .region(Region.of(emulator.region()))
                        .credentialsProvider(credentials)
                        .build()) {
            while (System.nanoTime() < deadline) {
                Instant from = START.plusSeconds(2L * random.nextLong(9_000_000));
                ListFragmentsRequest request =
                        ListFragmentsRequest.builder()
                                .streamName(STREAM)
                                .maxResults((long) PAGE)
                                .fragmentSelector(
                                        FragmentSelector.builder()
                                                .fragmentSelectorType(
                                                        FragmentSelectorType.SERVER_TIMESTAMP)
                                                .timestampRange(
                                                        TimestampRange.builder()
                                                                .startTimestamp(from)
                                                                .endTimestamp(
                                                                        from.plusSeconds(200_000))
                                                                .build())
                                                .build())
                                .build();
                for (ListFragmentsResponse page : media.listFragmentsPaginator(request)) {
                    requests.increment();
                    fragments.add(page.fragments().size());
                    if (System.nanoTime() >= deadline) {
                        break;
                    }
                }
            }
        }
        return null;
    }
}
