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

package dev.kvsflink.connector.kinesisvideo.reader;

import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.core.io.InputStatus;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.event.WindowCompletedEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowsRestoredEvent;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.testutils.FakeFragmentClient;
import dev.kvsflink.connector.kinesisvideo.testutils.RecordingReaderOutput;
import dev.kvsflink.connector.kinesisvideo.testutils.TestMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.PRODUCER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.SERVER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.reader.KinesisVideoSourceReader.WATERMARK_FLOOR_OUTPUT_ID;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.fragment;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisVideoSourceReaderTest {

    private static final StreamRef CAM_1 = StreamRef.ofName("cam-1");
    private static final StreamRef CAM_2 = StreamRef.ofName("cam-2");
    private static final long S = 1_000;

    private final TestMetrics testMetrics = new TestMetrics();
    private final TestingReaderContext context =
            new TestingReaderContext(new Configuration(), testMetrics.group());
    private final RecordingReaderOutput<KinesisVideoFragment> output =
            new RecordingReaderOutput<>();
    private KinesisVideoSourceReader reader;

    @AfterEach
    void closeReader() throws Exception {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void asksForSplitsInFlightAtStart() {
        reader = reader(List.of(), 3);
        reader.start();
        assertThat(context.getNumSplitRequests()).isEqualTo(3);
    }

    @Test
    void asksAgainForThePlaceAnOpenTailDidNotTake() {
        reader = reader(List.of(), 2);
        reader.start();
        reader.addSplits(List.of(window(CAM_1, 0, Long.MAX_VALUE, 0)));
        reader.addSplits(List.of(window(CAM_2, 0, Long.MAX_VALUE, 0)));

        // Two places, two requests at start, and one more for each tail: both places are free.
        assertThat(context.getNumSplitRequests()).isEqualTo(4);
    }

    @Test
    void aClosedWindowTakesAPlaceWithoutAFurtherRequest() {
        reader = reader(List.of(), 2);
        reader.start();
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, 0)));

        assertThat(context.getNumSplitRequests()).isEqualTo(2);
    }

    @Test
    void reportsTheWindowsItRestoredBeforeItAsksForSplits() {
        reader = reader(List.of(), 2);
        FragmentWindowSplit restored = window(CAM_1, 0, 10 * S, 0);
        reader.addSplits(List.of(restored));
        reader.start();

        assertThat(context.getSentEvents())
                .containsExactly(new WindowsRestoredEvent(List.of(restored)));
    }

    @Test
    void aRestoredWindowOfAnotherSelectorIsRejectedNamingBothSelectors() {
        reader = reader(dataset(), 2);
        FragmentWindowSplit byProducerTime =
                FragmentWindowSplit.of(CAM_1, PRODUCER_TIMESTAMP, 0, 10 * S);

        assertThatThrownBy(() -> reader.addSplits(List.of(byProducerTime)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(byProducerTime.splitId())
                .hasMessageContaining("read by PRODUCER_TIMESTAMP")
                .hasMessageContaining("this source reads by SERVER_TIMESTAMP");
    }

    @Test
    void reportsACompletedWindowWithItsCountAndAsksForOneMore() throws Exception {
        reader = reader(dataset(), 2);
        reader.start();
        FragmentWindowSplit window = window(CAM_1, 0, 10 * S, 10 * S);
        reader.addSplits(List.of(window));

        pollUntil(() -> !completed().isEmpty());

        assertThat(completed()).containsExactly(WindowCompletedEvent.of(window, 10));
        assertThat(context.getNumSplitRequests()).isEqualTo(3);
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.WINDOWS_COMPLETED))
                .isEqualTo(1);
    }

    @Test
    void whileACallToOneStreamHangsAnotherFetcherCompletesTheOtherStreamsWindow() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        reader =
                reader(
                        new StuckStreamClient(
                                new FakeFragmentClient(
                                        dataset(), testMetrics.metrics().clientListener()),
                                CAM_1,
                                release),
                        2,
                        2);
        FragmentWindowSplit stuck = window(CAM_1, 0, 10 * S, 10 * S);
        FragmentWindowSplit other = window(CAM_2, 0, 10 * S, 10 * S);
        reader.addSplits(List.of(stuck, other));

        pollUntil(() -> !completed().isEmpty());

        assertThat(completed()).containsExactly(WindowCompletedEvent.of(other, 10));
        release.countDown();
        pollUntil(() -> completed().size() == 2);
        assertThat(completed()).endsWith(WindowCompletedEvent.of(stuck, 10));
    }

    @Test
    void closingTheReaderClosesTheClientItsFetchersShared() throws Exception {
        FakeFragmentClient client = new FakeFragmentClient(dataset(), ClientListener.NO_OP);
        reader = reader(client, 2, 2);
        reader.start();
        reader.addSplits(
                List.of(window(CAM_1, 0, 10 * S, 10 * S), window(CAM_2, 0, 10 * S, 10 * S)));
        pollUntil(() -> completed().size() == 2);

        reader.close();
        reader = null;

        assertThat(client.isClosed()).isTrue();
    }

    @Test
    void emitsEachWindowInTimestampOrderWithItsTimestamps() throws Exception {
        reader = reader(dataset(), 2);
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, 10 * S)));

        pollUntil(() -> !completed().isEmpty());

        assertThat(output.events().stream().filter(RecordingReaderOutput.Event::isRecord))
                .extracting(RecordingReaderOutput.Event::timestamp)
                .isSorted()
                .hasSize(10);
    }

    @Test
    void checkpointsThePositionOfTheLastEmittedFragment() throws Exception {
        reader = reader(dataset(), 2);
        FragmentWindowSplit window = window(CAM_1, 0, 10 * S, 10 * S);
        reader.addSplits(List.of(window));

        pollUntil(() -> output.records().size() == 3);

        KinesisVideoFragment third = output.records().get(2);
        assertThat(reader.snapshotState(1))
                .containsExactly(
                        window.withResumeAfter(FragmentPosition.of(third, SERVER_TIMESTAMP)));
    }

    @Test
    void stopsAskingForSplitsAfterNoMoreSplits() throws Exception {
        reader = reader(dataset(), 1);
        reader.start();
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, Long.MAX_VALUE)));
        reader.notifyNoMoreSplits();

        pollUntil(() -> !completed().isEmpty());

        assertThat(context.getNumSplitRequests()).isEqualTo(1);
    }

    @Test
    void ignoresTheFloorStampsOfSplitsRestoredFromACheckpoint() {
        reader = reader(List.of(), 2);
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, 50 * S)));
        reader.start();
        assertThat(reader.watermarkFloorMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void liftsTheFloorToTheHeldWindowsOnceNoMoreSplitsWillCome() {
        reader = reader(List.of(), 2);
        reader.addSplits(List.of(window(CAM_1, 30 * S, 40 * S, 50 * S)));
        reader.start();
        reader.notifyNoMoreSplits();
        assertThat(reader.watermarkFloorMillis()).isEqualTo(30 * S);
    }

    @Test
    void holdsTheFloorAtTheStartOfAHeldWindowThatHasNotStartedEmitting() throws Exception {
        reader = reader(List.of(), 2);
        reader.start();
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, 0), window(CAM_2, 0, 10 * S, 10 * S)));
        assertThat(reader.watermarkFloorMillis()).isEqualTo(0);
    }

    @Test
    void raisesTheFloorToTheHighestStampOnceNoHeldWindowIsWaiting() throws Exception {
        reader = reader(List.of(), 2);
        reader.start();
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, 0), window(CAM_2, 0, 10 * S, 10 * S)));

        pollUntil(() -> completed().size() == 2);

        assertThat(output.watermarksOf(WATERMARK_FLOOR_OUTPUT_ID)).last().isEqualTo(10 * S - 1);
    }

    /**
     * Two streams at parallelism 1, assigned as the enumerator would: the combined watermark never
     * reaches a fragment the reader emits later, although cam-2's windows arrive after cam-1's.
     * Split outputs are created lazily here (Flink's SourceOperator creates them when splits are
     * added), which makes this the stricter setting.
     */
    @Test
    void floorWatermarkNeverPassesAFragmentEmittedLater() throws Exception {
        reader = reader(dataset(), 2);
        reader.start();
        reader.addSplits(List.of(window(CAM_1, 0, 10 * S, 0), window(CAM_2, 0, 10 * S, 10 * S)));
        List<FragmentWindowSplit> later =
                new ArrayList<>(
                        List.of(
                                window(CAM_1, 10 * S, 20 * S, 10 * S),
                                window(CAM_2, 10 * S, 20 * S, 20 * S)));

        pollUntil(
                () -> {
                    if (completed().size() > 4 - later.size() - 1 && !later.isEmpty()) {
                        reader.addSplits(List.of(later.remove(0)));
                    }
                    return completed().size() == 4;
                });

        assertThat(output.records()).hasSize(40);
        assertThat(combinedWatermarkNeverReachesALaterRecord(output.events())).isTrue();
        assertThat(output.watermarksOf(WATERMARK_FLOOR_OUTPUT_ID)).last().isEqualTo(20 * S - 1);
    }

    /**
     * Replays the timeline as Flink combines split outputs: each split output's watermark is what a
     * monotonous generator would give (its last record's timestamp minus 1), a new output starts at
     * Long.MIN_VALUE, a released one stops counting, and the combined watermark (the minimum over
     * live outputs) never goes down. Checks every record against it.
     */
    private static boolean combinedWatermarkNeverReachesALaterRecord(
            List<RecordingReaderOutput.Event<KinesisVideoFragment>> events) {
        Map<String, Long> live = new HashMap<>();
        long combined = Long.MIN_VALUE;
        for (RecordingReaderOutput.Event<KinesisVideoFragment> e : events) {
            switch (e.kind()) {
                case CREATED:
                    live.put(e.outputId(), Long.MIN_VALUE);
                    break;
                case RELEASED:
                    live.remove(e.outputId());
                    break;
                case WATERMARK:
                    live.merge(e.outputId(), e.timestamp(), Math::max);
                    break;
                case RECORD:
                    if (e.timestamp() <= combined) {
                        return false;
                    }
                    live.merge(e.outputId(), e.timestamp() - 1, Math::max);
                    break;
            }
            if (!live.isEmpty()) {
                combined = Math.max(combined, Collections.min(live.values()));
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------

    /** Ten fragments per stream and 10 s, one per second plus 500 ms. */
    private static List<KinesisVideoFragment> dataset() {
        List<KinesisVideoFragment> data = new ArrayList<>();
        int n = 0;
        for (String stream : List.of("cam-1", "cam-2")) {
            for (long t = 500; t < 20 * S; t += S) {
                data.add(fragment(stream, number(n++), t));
            }
        }
        return data;
    }

    private static FragmentWindowSplit window(StreamRef stream, long start, long end, long floor) {
        return FragmentWindowSplit.of(stream, SERVER_TIMESTAMP, start, end)
                .withWatermarkFloor(floor);
    }

    private KinesisVideoSourceReader reader(List<KinesisVideoFragment> data, int splitsInFlight) {
        KinesisVideoSourceReaderMetrics metrics = testMetrics.metrics();
        return reader(
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(3),
                splitsInFlight,
                KinesisVideoSourceOptions.READER_FETCH_THREADS.defaultValue());
    }

    private KinesisVideoSourceReader reader(
            KinesisVideoFragmentClient fragmentClient, int splitsInFlight, int fetchThreads) {
        KinesisVideoSourceReaderMetrics metrics = testMetrics.metrics();
        // Unpaced: these tests are about windows and watermarks.
        PacedClient client =
                new PacedClient(
                        (listener, gate) -> fragmentClient,
                        metrics,
                        5,
                        1000,
                        1,
                        Duration.ofMinutes(10),
                        System::nanoTime,
                        n -> {});
        return new KinesisVideoSourceReader(
                () ->
                        new FragmentWindowSplitReader(
                                client,
                                1000,
                                Integer.MAX_VALUE,
                                metrics,
                                new ErrorHandling(true, Duration.ofMinutes(10)),
                                new SettlePolicy(5_000, 15_000, 1_000, 30_000, Clock.systemUTC())),
                new Configuration(),
                context,
                splitsInFlight,
                fetchThreads,
                metrics,
                SERVER_TIMESTAMP,
                client);
    }

    /** Lists {@code data}, except that every call to {@code stuck} waits until released. */
    private static final class StuckStreamClient implements KinesisVideoFragmentClient {
        private final FakeFragmentClient delegate;
        private final StreamRef stuck;
        private final CountDownLatch release;

        StuckStreamClient(FakeFragmentClient delegate, StreamRef stuck, CountDownLatch release) {
            this.delegate = delegate;
            this.stuck = stuck;
            this.release = release;
        }

        @Override
        public FragmentPage listFragments(ListFragmentsRequest request)
                throws InterruptedException {
            if (request.stream().equals(stuck)) {
                release.await();
            }
            return delegate.listFragments(request);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private List<WindowCompletedEvent> completed() {
        List<WindowCompletedEvent> events = new ArrayList<>();
        for (SourceEvent e : context.getSentEvents()) {
            if (e instanceof WindowCompletedEvent) {
                events.add((WindowCompletedEvent) e);
            }
        }
        return events;
    }

    /** Polls, waiting for data when none is available, until {@code done} holds. */
    private void pollUntil(BooleanSupplier done) throws Exception {
        while (!done.getAsBoolean()) {
            InputStatus status = reader.pollNext(output);
            if (status == InputStatus.NOTHING_AVAILABLE && !done.getAsBoolean()) {
                reader.isAvailable().get();
            }
        }
    }
}
