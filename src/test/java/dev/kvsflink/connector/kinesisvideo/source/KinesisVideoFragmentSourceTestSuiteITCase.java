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
import org.apache.flink.connector.testframe.TestResource;
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
import dev.kvsflink.connector.kinesisvideo.testutils.FakeClientFactory;
import dev.kvsflink.connector.kinesisvideo.testutils.Fragments;

import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Flink's own source test suite, exactly-once, over an in-memory {@code ListFragments}: each split
 * of the suite is a stream, read as one window (the suite checks per-split order; multi-window
 * streams are covered by {@link KinesisVideoFragmentSourceITCase}). The cases that need an
 * unbounded source (savepoint, rescaling, task manager failure) abort themselves until the tailing
 * mode exists.
 */
class KinesisVideoFragmentSourceTestSuiteITCase extends SourceTestSuiteBase<KinesisVideoFragment> {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration SPAN = Duration.ofHours(6);

    /** The suite writes to at most this many splits; the source reads all of them. */
    private static final int MAX_STREAMS = 8;

    @TestEnv MiniClusterTestEnvironment flink = new MiniClusterTestEnvironment();

    @TestExternalSystem InMemoryStreams streams = new InMemoryStreams();

    @TestSemantics
    CheckpointingMode[] semantics = new CheckpointingMode[] {CheckpointingMode.EXACTLY_ONCE};

    @TestContext
    ExternalContextFactory<FragmentContext> contexts = testName -> new FragmentContext();

    /** Nothing to start: the streams live in the test's JVM. */
    static final class InMemoryStreams implements TestResource {
        @Override
        public void startUp() {}

        @Override
        public void tearDown() {}
    }

    /** One test's streams: written by the suite, read by a source over all of them. */
    static final class FragmentContext
            implements DataStreamSourceExternalContext<KinesisVideoFragment> {
        private final String datasetId = "suite-" + UUID.randomUUID();
        private final List<KinesisVideoFragment> written = new CopyOnWriteArrayList<>();
        private int writers;

        @Override
        public Source<KinesisVideoFragment, ?, ?> createSource(TestingSourceSettings settings) {
            if (settings.getBoundedness() != Boundedness.BOUNDED) {
                throw new UnsupportedOperationException("The tailing mode is not built yet");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < MAX_STREAMS; i++) {
                names.add(streamName(i));
            }
            // One window per stream: the suite expects a split's records in write order, while
            // the windows of one stream may be read by several readers at once.
            Configuration options = new Configuration();
            options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, SPAN);
            options.set(KinesisVideoSourceOptions.WINDOW_MAX_SIZE, SPAN);
            // The factory reads the dataset when readers start, after the suite wrote it.
            return KinesisVideoFragmentSource.builder()
                    .streams(names)
                    .range(START, START.plus(SPAN))
                    .region("us-east-1")
                    .sourceOptions(options)
                    .clientFactory(FakeClientFactory.serving(datasetId, written, 7))
                    .build();
        }

        @Override
        public ExternalSystemSplitDataWriter<KinesisVideoFragment> createSourceSplitDataWriter(
                TestingSourceSettings settings) {
            if (writers++ >= MAX_STREAMS) {
                throw new IllegalStateException("More than " + MAX_STREAMS + " splits");
            }
            return new ExternalSystemSplitDataWriter<>() {
                @Override
                public void writeRecords(List<KinesisVideoFragment> records) {
                    written.addAll(records);
                    FakeClientFactory.serving(datasetId, written, 7);
                }

                @Override
                public void close() {}
            };
        }

        @Override
        public List<KinesisVideoFragment> generateTestData(
                TestingSourceSettings settings, int splitIndex, long seed) {
            // In ingestion order, as a camera writes them: the suite expects each split's records
            // in the order they were written.
            Random random = new Random(seed);
            List<KinesisVideoFragment> fragments = new ArrayList<>();
            int count = 50 + random.nextInt(150);
            long ts = START.toEpochMilli();
            for (int i = 0; i < count; i++) {
                ts += 1 + random.nextInt((int) (SPAN.toMillis() / 200));
                fragments.add(
                        Fragments.fragment(
                                streamName(splitIndex),
                                Fragments.number(seed % 1000 * 1000 + i),
                                ts));
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

        private static String streamName(int index) {
            return "stream-" + index;
        }
    }
}
