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

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testframe.environment.MiniClusterTestEnvironment;
import org.apache.flink.connector.testframe.external.ExternalContextFactory;
import org.apache.flink.connector.testframe.external.ExternalSystemSplitDataWriter;
import org.apache.flink.connector.testframe.external.source.DataStreamSourceExternalContext;
import org.apache.flink.connector.testframe.external.source.TestingSourceSettings;
import org.apache.flink.connector.testframe.junit.annotations.TestContext;
import org.apache.flink.connector.testframe.junit.annotations.TestEnv;
import org.apache.flink.connector.testframe.junit.annotations.TestExternalSystem;
import org.apache.flink.connector.testframe.junit.annotations.TestSemantics;
import org.apache.flink.connector.testframe.testsuites.SourceTestSuiteBase;
import org.apache.flink.core.execution.CheckpointingMode;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.AppendableStream;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorTestResource;
import dev.kvsflink.connector.kinesisvideo.testutils.Fragments;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Flink's own source test suite, exactly-once, with the KVS emulator as the external system, read
 * through the SDK client over HTTP: each split of the suite is an appendable stream, read as one
 * window (the suite checks per-split order; multi-window streams are covered by {@link
 * KinesisVideoFragmentSourceITCase}). The cases that need an unbounded source (savepoint,
 * rescaling, metrics, task manager failure) abort themselves until the tailing mode exists.
 */
class KinesisVideoFragmentSourceTestSuiteITCase extends SourceTestSuiteBase<KinesisVideoFragment> {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(6);

    /** The suite writes to at most this many splits; the source reads all of them. */
    private static final int MAX_STREAMS = 8;

    private static final AtomicInteger CONTEXTS = new AtomicInteger();

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem EmulatorTestResource emulator = new EmulatorTestResource();

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE};

    @TestContext
    ExternalContextFactory<FragmentContext> contexts =
            testName -> new FragmentContext(emulator.emulator());

    /** One test's streams, created empty up front: written by the suite, read by the source. */
    static final class FragmentContext
            implements DataStreamSourceExternalContext<KinesisVideoFragment> {
        private final KinesisVideoEmulator emulator;
        private final List<AppendableStream> streams = new ArrayList<>();
        private final Instant createdAt = Instant.now();
        private int writers;

        /** Fragment numbers are unique in a stream, also across the suite's batches of data. */
        private long numbers;

        FragmentContext(KinesisVideoEmulator emulator) {
            this.emulator = emulator;
            int context = CONTEXTS.incrementAndGet();
            for (int i = 0; i < MAX_STREAMS; i++) {
                streams.add(emulator.createStream("suite-" + context + "-" + i));
            }
        }

        @Override
        public Source<KinesisVideoFragment, ?, ?> createSource(TestingSourceSettings settings) {
            // One window per stream: the suite expects a split's records in write order, while
            // the windows of one stream may be read by several readers at once. Tailing, that
            // window is each stream's open tail, from when the context was made.
            Configuration options = new Configuration();
            options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, SPAN);
            options.set(KinesisVideoSourceOptions.WINDOW_MAX_SIZE, SPAN);
            // Appended fragments are listable at once: a short lag keeps the suite quick.
            options.set(KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG, Duration.ofMillis(500));
            options.set(KinesisVideoSourceOptions.TAIL_POLL_INTERVAL, Duration.ofMillis(200));
            List<String> names = new ArrayList<>();
            streams.forEach(s -> names.add(s.name()));
            KinesisVideoFragmentSourceBuilder builder =
                    KinesisVideoFragmentSource.builder()
                            .streams(names)
                            .awsOptions(EmulatorAwsOptions.of(emulator))
                            .sourceOptions(options);
            if (settings.getBoundedness() == Boundedness.BOUNDED) {
                builder.range(START, START.plus(SPAN));
            } else {
                builder.startingAt(createdAt);
            }
            return builder.build();
        }

        @Override
        public ExternalSystemSplitDataWriter<KinesisVideoFragment> createSourceSplitDataWriter(
                TestingSourceSettings settings) {
            if (writers >= MAX_STREAMS) {
                throw new IllegalStateException("More than " + MAX_STREAMS + " splits");
            }
            AppendableStream stream = streams.get(writers++);
            return new ExternalSystemSplitDataWriter<>() {
                @Override
                public void writeRecords(List<KinesisVideoFragment> records) {
                    for (KinesisVideoFragment f : records) {
                        stream.append(
                                new EmulatedFragment(
                                        f.fragmentNumber(),
                                        f.fragmentSizeInBytes(),
                                        f.producerTimestamp(),
                                        f.serverTimestamp(),
                                        f.fragmentLengthInMilliseconds()));
                    }
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<KinesisVideoFragment> generateTestData(
                TestingSourceSettings settings, int splitIndex, long seed) {
            // In ingestion order, as a camera writes them: the suite expects each split's records
            // in the order they were written. A tailing source emits only fragments that are
            // listable before their time is settled (now minus the lag): those written later
            // lie a little ahead of now, as a camera's newest fragments would.
            Random random = new Random(seed);
            boolean bounded = settings.getBoundedness() == Boundedness.BOUNDED;
            List<KinesisVideoFragment> fragments = new ArrayList<>();
            int count = 50 + random.nextInt(150);
            long ts = bounded ? START.toEpochMilli() : Instant.now().toEpochMilli() + 1_000;
            long maxStep = bounded ? SPAN.toMillis() / 200 : 20;
            for (int i = 0; i < count; i++) {
                ts += 1 + random.nextInt((int) maxStep);
                fragments.add(
                        Fragments.fragment(
                                streams.get(splitIndex).name(), Fragments.number(numbers++), ts));
            }
            return fragments;
        }

        @Override
        public TypeInformation<KinesisVideoFragment> getProducedType() {
            return TypeInformation.of(KinesisVideoFragment.class);
        }

        @Override
        public List<URL> getConnectorJarPaths() {
            return List.of();
        }

        @Override
        public void close() {}
    }
}
