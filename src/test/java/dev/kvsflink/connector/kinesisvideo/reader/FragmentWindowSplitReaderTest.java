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

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.runtime.execution.SuppressRestartsException;

import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.ManualClock;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.testutils.FakeFragmentClient;
import dev.kvsflink.connector.kinesisvideo.testutils.TestMetrics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.PRODUCER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.SERVER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.fragment;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmentWindowSplitReaderTest {

    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final FragmentWindowSplit WINDOW =
            FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 1_000, 2_000);

    private final TestMetrics testMetrics = new TestMetrics();
    private final KinesisVideoSourceReaderMetrics metrics = testMetrics.metrics();

    @Test
    void emitsAWindowListedOverShuffledShortAndEmptyPagesInTimestampThenNumberOrder()
            throws IOException {
        List<KinesisVideoFragment> data = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            data.add(fragment("cam-1", number(i), 1_000 + 37L * i));
        }
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener())
                        .pageSize(4)
                        .emptyPageAfterEachPage();

        List<KinesisVideoFragment> emitted = fetchOne(reader(client, 1000), WINDOW);

        assertThat(emitted).containsExactlyElementsOf(data);
        assertThat(client.requests()).hasSize(13); // 7 pages with fragments, 6 empty ones
    }

    @Test
    void requestsTheWindowAsAnInclusiveRangeEndingOneMillisecondBeforeItsEnd() throws IOException {
        FakeFragmentClient client = new FakeFragmentClient(List.of(), metrics.clientListener());

        fetchOne(reader(client, 250), WINDOW);

        ListFragmentsRequest request = client.requests().get(0);
        assertThat(request.startInclusive()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(request.endInclusive()).isEqualTo(Instant.ofEpochMilli(1_999));
        assertThat(request.maxResults()).isEqualTo(250);
        assertThat(request.selector()).isEqualTo(SERVER_TIMESTAMP);
    }

    @Test
    void aFragmentExactlyOnAWindowEdgeBelongsOnlyToTheWindowStartingThere() throws IOException {
        KinesisVideoFragment onEdge = fragment("cam-1", number(1), 2_000);
        FakeFragmentClient client =
                new FakeFragmentClient(List.of(onEdge), metrics.clientListener());
        FragmentWindowSplitReader reader = reader(client, 1000);

        assertThat(fetchOne(reader, WINDOW)).isEmpty();
        assertThat(fetchOne(reader, FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 2_000, 3_000)))
                .containsExactly(onEdge);
    }

    @Test
    void dropsFragmentsTheServiceReturnsOutsideTheWindow() throws IOException {
        KinesisVideoFragment inside = fragment("cam-1", number(1), 1_500);
        KinesisVideoFragment atEnd = fragment("cam-1", number(2), 2_000);
        KinesisVideoFragment before = fragment("cam-1", number(3), 999);
        KinesisVideoFragmentClient sloppy =
                new ScriptedClient(new FragmentPage(List.of(atEnd, inside, before), null));

        assertThat(fetchOne(reader(sloppy, 1000), WINDOW)).containsExactly(inside);
    }

    @Test
    void emitsAFragmentListedTwiceOnce() throws IOException {
        List<KinesisVideoFragment> data =
                List.of(fragment("cam-1", number(1), 1_100), fragment("cam-1", number(2), 1_200));
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener())
                        .pageSize(1)
                        .duplicateFirstFragment();

        assertThat(fetchOne(reader(client, 1000), WINDOW)).containsExactlyElementsOf(data);
    }

    @Test
    void ordersIdenticalTimestampsByFragmentNumberNumericallyAcrossADigitCountChange()
            throws IOException {
        KinesisVideoFragment longer = fragment("cam-1", "1" + "0".repeat(47), 1_500);
        KinesisVideoFragment shorter = fragment("cam-1", "9".repeat(47), 1_500);
        KinesisVideoFragment earlier = fragment("cam-1", "9".repeat(48), 1_499);
        FakeFragmentClient client =
                new FakeFragmentClient(List.of(longer, shorter, earlier), metrics.clientListener())
                        .pageSize(1);

        assertThat(fetchOne(reader(client, 1000), WINDOW))
                .containsExactly(earlier, shorter, longer);
    }

    @Test
    void selectsOrdersAndFiltersByTheProducerTimestampWhenAsked() throws IOException {
        KinesisVideoFragment a = fragment("cam-1", number(1), 1_900, 5_000);
        KinesisVideoFragment b = fragment("cam-1", number(2), 1_100, 5_001);
        KinesisVideoFragment outside = fragment("cam-1", number(3), 5_000, 1_500);
        FakeFragmentClient client =
                new FakeFragmentClient(List.of(a, b, outside), metrics.clientListener());

        assertThat(
                        fetchOne(
                                reader(client, 1000),
                                FragmentWindowSplit.of(CAM, PRODUCER_TIMESTAMP, 1_000, 2_000)))
                .containsExactly(b, a);
    }

    @Test
    void skipsEverythingUpToAndIncludingTheResumePosition() throws IOException {
        List<KinesisVideoFragment> data = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            data.add(
                    fragment(
                            "cam-1", number(i), 1_000 + 100L * (i / 2))); // pairs share a timestamp
        }
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(2);
        FragmentWindowSplit resumed =
                WINDOW.withResumeAfter(FragmentPosition.of(data.get(2), SERVER_TIMESTAMP));

        assertThat(fetchOne(reader(client, 1000), resumed))
                .containsExactlyElementsOf(data.subList(3, 6));
    }

    @Test
    void aRejectedTokenGivesUpTheListingAndTheWindowIsListedInHalvesInOrder() throws IOException {
        List<KinesisVideoFragment> data = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            data.add(fragment("cam-1", number(i), 1_000 + 100 * i));
        }
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(3).expireTokens(1);

        List<Drained> fetches = fetchAll(reader(client, 1000), WINDOW);

        assertThat(records(fetches)).containsExactlyElementsOf(data);
        assertThat(client.requests())
                .extracting(r -> List.of(millis(r.startInclusive()), millis(r.endInclusive())))
                .containsExactly(
                        List.of(1_000L, 1_999L), // the whole window: its second page is rejected
                        List.of(1_000L, 1_999L),
                        List.of(1_000L, 1_499L), // then the first half, page by page
                        List.of(1_000L, 1_499L),
                        List.of(1_500L, 1_999L), // and the second
                        List.of(1_500L, 1_999L));
        assertThat(fetches).flatExtracting(d -> d.settlements).containsExactly(1_500L);
    }

    @Test
    void aWindowWhoseEveryTokenIsRejectedIsReadExactlyInPartsThatFitOnePage() throws IOException {
        List<KinesisVideoFragment> data = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            data.add(fragment("cam-1", number(i), 1_000 + 25 * i));
        }
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener())
                        .pageSize(3)
                        .expireTokens(Integer.MAX_VALUE);

        List<Drained> fetches = fetchAll(reader(client, 1000), WINDOW);

        assertThat(records(fetches)).containsExactlyElementsOf(data);
    }

    @Test
    void failsWhenOneMillisecondNeedsMoreThanOnePageAndItsTokenIsRejected() {
        List<KinesisVideoFragment> data =
                List.of(fragment("cam-1", number(1), 1_100), fragment("cam-1", number(2), 1_100));
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener())
                        .pageSize(1)
                        .expireTokens(Integer.MAX_VALUE);
        FragmentWindowSplitReader reader = reader(client, 1000);

        assertThatThrownBy(() -> fetchAll(reader, WINDOW))
                .isInstanceOf(SuppressRestartsException.class)
                .cause()
                .isInstanceOf(KinesisVideoServiceException.class)
                .hasMessageContaining("InvalidArgumentException");
    }

    @Test
    void aWindowDenserThanTheBoundIsReadExactlyInPartsThatNeverHandOverMoreThanTheBound()
            throws IOException {
        List<KinesisVideoFragment> data = offlineForDaysThenEveryTwoSeconds(300);
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(10);

        List<Drained> fetches = fetchAll(bounded(client, 50), WEEK);

        assertThat(records(fetches)).containsExactlyElementsOf(data);
        assertThat(fetches).allSatisfy(d -> assertThat(d.records).hasSizeLessThanOrEqualTo(50));
    }

    @Test
    void aDenseWindowRestoredBetweenTwoPartsResumesAfterTheLastEmittedFragment()
            throws IOException {
        List<KinesisVideoFragment> data = offlineForDaysThenEveryTwoSeconds(300);
        FragmentWindowSplitReader first =
                bounded(new FakeFragmentClient(data, metrics.clientListener()).pageSize(10), 50);
        first.handleSplitsChanges(new SplitsAddition<>(List.of(WEEK)));
        List<KinesisVideoFragment> emitted = new ArrayList<>();
        long settledUntil = WEEK.startMillis();
        while (emitted.size() < 100) {
            Drained drained = drain(first.fetch());
            assertThat(drained.finished).isEmpty();
            emitted.addAll(drained.records);
            settledUntil =
                    drained.settlements.isEmpty() ? settledUntil : drained.settlements.get(0);
        }
        KinesisVideoFragment last = emitted.get(emitted.size() - 1);
        FragmentWindowSplit checkpointed =
                WEEK.withSettledUntil(settledUntil)
                        .withResumeAfter(FragmentPosition.of(last, SERVER_TIMESTAMP));

        List<KinesisVideoFragment> rest =
                records(
                        fetchAll(
                                bounded(
                                        new FakeFragmentClient(data, metrics.clientListener())
                                                .pageSize(10),
                                        50),
                                checkpointed));

        List<KinesisVideoFragment> all = new ArrayList<>(emitted);
        all.addAll(rest);
        assertThat(all).containsExactlyElementsOf(data);
    }

    @Test
    void failsNamingTheOptionWhenOneMillisecondHoldsMoreThanTheBound() {
        List<KinesisVideoFragment> data =
                List.of(
                        fragment("cam-1", number(1), 1_100),
                        fragment("cam-1", number(2), 1_100),
                        fragment("cam-1", number(3), 1_100));
        FragmentWindowSplitReader reader =
                bounded(new FakeFragmentClient(data, metrics.clientListener()), 2);

        assertThatThrownBy(() -> fetchAll(reader, WINDOW))
                .isInstanceOf(SuppressRestartsException.class)
                .cause()
                .hasMessageContaining("more than 2 fragments")
                .hasMessageContaining("source.window.max-fragments");
    }

    @Test
    void permanentErrorFailsWithoutRestartsAndKeepsTheServiceError() {
        KinesisVideoServiceException notFound = serviceError("ResourceNotFoundException", 404);
        FragmentWindowSplitReader reader = reader(new ScriptedClient(notFound), 1000);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW)));

        assertThatThrownBy(reader::fetch)
                .isInstanceOf(SuppressRestartsException.class)
                .cause()
                .isSameAs(notFound);
    }

    @Test
    void permanentErrorGoesThroughTheRestartStrategyWhenRestartsAreNotSuppressed() {
        KinesisVideoServiceException denied = serviceError("NotAuthorizedException", 401);
        FragmentWindowSplitReader reader =
                new FragmentWindowSplitReader(
                        unpaced(new ScriptedClient(denied)),
                        1000,
                        Integer.MAX_VALUE,
                        metrics,
                        new ErrorHandling(false, Duration.ofMinutes(10)),
                        SETTLED_AT_ONCE);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW)));

        assertThatThrownBy(reader::fetch).isSameAs(denied);
    }

    private static final ErrorHandling FAIL_FAST = new ErrorHandling(true, Duration.ofMinutes(10));

    /** The windows of these tests lie in 1970: every one is settled at its first listing. */
    private static final SettlePolicy SETTLED_AT_ONCE =
            new SettlePolicy(5_000, 15_000, 1_000, 30_000, Clock.systemUTC());

    private static KinesisVideoServiceException serviceError(String type, int status) {
        return new KinesisVideoServiceException(
                "ListFragments", "cam-1", type, "the service's message", "r-1", status, null);
    }

    /** The reader's client around {@code client}, its calls not held back. */
    private PacedClient unpaced(KinesisVideoFragmentClient client) {
        return new PacedClient(
                (listener, gate) -> client,
                metrics,
                5,
                1000,
                1,
                Duration.ofMinutes(10),
                System::nanoTime,
                n -> {});
    }

    /**
     * The reader's client around {@code client}, pacing each stream to 4 calls per second on a
     * clock that stands still, recording its waits in {@code sleeps}.
     */
    private PacedClient pacedBy(KinesisVideoFragmentClient client, List<Long> sleeps) {
        return new PacedClient(
                (listener, gate) -> client,
                metrics,
                4.0,
                1000,
                1,
                Duration.ofMinutes(10),
                () -> 0L,
                sleeps::add);
    }

    @Test
    void wakeUpInterruptsABlockedCallAndTheNextFetchFinishesTheWindow() throws Exception {
        List<KinesisVideoFragment> data =
                List.of(fragment("cam-1", number(1), 1_100), fragment("cam-1", number(2), 1_200));
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(1);
        FragmentWindowSplitReader reader = reader(client, 1000);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW)));
        client.blockNextCall(); // never released: only an interrupt ends it

        CompletableFuture<RecordsWithSplitIds<FetchedElement>> blocked =
                CompletableFuture.supplyAsync(() -> fetchUnchecked(reader));
        client.awaitBlockedCall();
        reader.wakeUp();

        assertThat(drain(blocked.get()).finished).isEmpty();
        assertThat(fetchUntilFinished(reader, WINDOW)).containsExactlyElementsOf(data);
    }

    @Test
    void aFetchEndedByAWakeUpReturnsWithTheThreadNoLongerInterrupted() throws Exception {
        FakeFragmentClient client =
                new FakeFragmentClient(
                                List.of(fragment("cam-1", number(1), 1_100)),
                                metrics.clientListener())
                        .leavingTheInterruptSet();
        FragmentWindowSplitReader reader = reader(client, 1000);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW)));
        client.blockNextCall(); // never released: only an interrupt ends it

        CompletableFuture<Boolean> interruptedAfterFetch =
                CompletableFuture.supplyAsync(
                        () -> {
                            fetchUnchecked(reader);
                            return Thread.currentThread().isInterrupted();
                        });
        client.awaitBlockedCall();
        reader.wakeUp();

        // Flink's fetch task puts the next batch into its queue interruptibly.
        assertThat(interruptedAfterFetch.get()).isFalse();
    }

    @Test
    void whileOneStreamWaitsForItsTurnTheReaderCallsAnother() throws IOException {
        // cam-1 has just been called and must wait 250 ms; cam-2 has not been called yet.
        List<Long> sleeps = new ArrayList<>();
        FakeFragmentClient client =
                new FakeFragmentClient(
                                List.of(
                                        fragment("cam-1", number(1), 1_100),
                                        fragment("cam-1", number(2), 1_200),
                                        fragment("cam-2", number(3), 1_300)),
                                metrics.clientListener())
                        .pageSize(1);
        FragmentWindowSplitReader reader =
                new FragmentWindowSplitReader(
                        pacedBy(client, sleeps),
                        1000,
                        Integer.MAX_VALUE,
                        metrics,
                        FAIL_FAST,
                        SETTLED_AT_ONCE);
        FragmentWindowSplit other =
                FragmentWindowSplit.of(StreamRef.ofName("cam-2"), SERVER_TIMESTAMP, 1_000, 2_000);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW, other)));

        reader.fetch();
        reader.fetch();

        assertThat(client.requests())
                .extracting(r -> r.stream().id())
                .containsExactly("cam-1", "cam-2");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void fetchesAnUnpausedSplitWhileAnotherIsPaused() throws IOException {
        FragmentWindowSplit later = FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 2_000, 3_000);
        FragmentWindowSplitReader reader =
                reader(new FakeFragmentClient(List.of(), metrics.clientListener()), 1000);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW, later)));

        reader.pauseOrResumeSplits(List.of(WINDOW), List.of());

        assertThat(drain(reader.fetch()).finished).containsExactly(later.splitId());
    }

    @Test
    void waitsWhileEverySplitIsPausedUntilWokenUp() throws Exception {
        FragmentWindowSplitReader reader =
                reader(new FakeFragmentClient(List.of(), metrics.clientListener()), 1000);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(WINDOW)));
        reader.pauseOrResumeSplits(List.of(WINDOW), List.of());

        CompletableFuture<RecordsWithSplitIds<FetchedElement>> waiting =
                CompletableFuture.supplyAsync(() -> fetchUnchecked(reader));
        reader.wakeUp();

        assertThat(drain(waiting.get()).finished).isEmpty();
        reader.pauseOrResumeSplits(List.of(), List.of(WINDOW));
        assertThat(drain(reader.fetch()).finished).containsExactly(WINDOW.splitId());
    }

    @Test
    void countsCallsPagesAndFetchedFragmentsAndReportsThemPending() throws IOException {
        List<KinesisVideoFragment> data =
                List.of(
                        fragment("cam-1", number(1), 1_100),
                        fragment("cam-1", number(2), 1_200),
                        fragment("cam-1", number(3), 1_300));
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(2);

        fetchOne(
                reader(client, 1000),
                WINDOW.withResumeAfter(FragmentPosition.of(data.get(0), SERVER_TIMESTAMP)));

        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.LIST_FRAGMENTS_CALLS))
                .isEqualTo(2);
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.PAGES)).isEqualTo(2);
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.FRAGMENTS_FETCHED))
                .isEqualTo(3);
        assertThat(metrics.pendingRecords()).isEqualTo(2);
    }

    @Test
    void theBatchThatFinishesAWindowEndsWithHowManyFragmentsItHeldAlsoThoseEmittedBefore()
            throws IOException {
        List<KinesisVideoFragment> data =
                List.of(
                        fragment("cam-1", number(1), 1_100),
                        fragment("cam-1", number(2), 1_200),
                        fragment("cam-1", number(3), 1_300));
        FakeFragmentClient client =
                new FakeFragmentClient(data, metrics.clientListener()).pageSize(2);

        List<Drained> fetches =
                fetchAll(
                        reader(client, 1000),
                        WINDOW.withResumeAfter(FragmentPosition.of(data.get(0), SERVER_TIMESTAMP)));

        Drained last = fetches.get(fetches.size() - 1);
        assertThat(last.elements).last().isEqualTo(new FetchedElement.Completed(3));
        assertThat(fetches).flatExtracting(d -> d.completed).containsExactly(3L);
    }

    @Test
    void anOpenWindowHandsOverWhatItSettledThenHowFarItIsSettledAndStaysAssigned()
            throws IOException {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(120_000));
        FragmentWindowSplit tail =
                FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 100_000, Long.MAX_VALUE);
        List<KinesisVideoFragment> data =
                List.of(
                        fragment("cam-1", number(2), 110_000),
                        fragment("cam-1", number(1), 101_000));
        FragmentWindowSplitReader reader =
                polling(new FakeFragmentClient(data, metrics.clientListener()), clock);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(tail)));

        Drained first = drain(reader.fetch());

        assertThat(first.records).containsExactly(data.get(1), data.get(0));
        assertThat(first.settlements).containsExactly(115_000L);
        assertThat(first.finished).isEmpty();
    }

    @Test
    void anOpenWindowIsListedAgainAfterThePollIntervalForItsNewFragmentsOnly() throws IOException {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(120_000));
        FragmentWindowSplit tail =
                FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 100_000, Long.MAX_VALUE);
        KinesisVideoFragment old = fragment("cam-1", number(1), 110_000);
        KinesisVideoFragment fresh = fragment("cam-1", number(2), 115_200);
        FakeFragmentClient client =
                new FakeFragmentClient(List.of(old, fresh), metrics.clientListener());
        FragmentWindowSplitReader reader = polling(client, clock);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(tail)));
        drain(reader.fetch());

        clock.advance(Duration.ofSeconds(1));
        Drained second = drain(reader.fetch());

        assertThat(second.records).containsExactly(fresh);
        assertThat(second.settlements).containsExactly(116_000L);
        assertThat(client.requests()).hasSize(2);
    }

    @Test
    void anOpenWindowThatIsNotDueWaitsAndAWakeUpEndsTheWaitWithoutACall() throws Exception {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(120_000));
        FragmentWindowSplit tail =
                FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 100_000, Long.MAX_VALUE);
        FakeFragmentClient client = new FakeFragmentClient(List.of(), metrics.clientListener());
        FragmentWindowSplitReader reader = polling(client, clock);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(tail)));
        drain(reader.fetch());

        CompletableFuture<RecordsWithSplitIds<FetchedElement>> waiting =
                CompletableFuture.supplyAsync(() -> fetchUnchecked(reader));
        reader.wakeUp();

        assertThat(drain(waiting.get()).settlements).isEmpty();
        assertThat(client.requests()).hasSize(1);
    }

    @Test
    void aFragmentListableOnlyAfterItsTimeWasSettledIsCountedLateAndNotHandedOver()
            throws IOException {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(120_000));
        FragmentWindowSplit tail =
                FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 100_000, Long.MAX_VALUE);
        KinesisVideoFragment late = fragment("cam-1", number(9), 113_000);
        ScriptedClient client =
                new ScriptedClient(
                        new FragmentPage(List.of(), null), new FragmentPage(List.of(late), null));
        FragmentWindowSplitReader reader = polling(client, clock);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(tail)));
        drain(reader.fetch());
        clock.advance(Duration.ofSeconds(1));

        Drained second = drain(reader.fetch());

        assertThat(second.records).isEmpty();
        assertThat(second.settlements).containsExactly(116_000L);
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.LATE_FRAGMENTS))
                .isEqualTo(1);
    }

    @Test
    void aFragmentListableMoreThanOneLagAfterItsTimeWasSettledIsStillCountedLate()
            throws IOException {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(120_000));
        FragmentWindowSplit tail =
                FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 100_000, Long.MAX_VALUE);
        // Settled at 115 000 by the first listing, listed 8 s later: beyond the 5 s lag, within
        // the 30 s late detection.
        KinesisVideoFragment late = fragment("cam-1", number(9), 104_000);
        ScriptedClient client =
                new ScriptedClient(
                        new FragmentPage(List.of(), null), new FragmentPage(List.of(late), null));
        FragmentWindowSplitReader reader = polling(client, clock);
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(tail)));
        drain(reader.fetch());
        clock.advance(Duration.ofSeconds(8));

        Drained second = drain(reader.fetch());

        assertThat(second.records).isEmpty();
        assertThat(second.settlements).containsExactly(123_000L);
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.LATE_FRAGMENTS))
                .isEqualTo(1);
    }

    @Test
    void closeLeavesTheClientTheFetchersShareOpen() {
        FakeFragmentClient client = new FakeFragmentClient(List.of(), metrics.clientListener());
        reader(client, 1000).close();
        assertThat(client.isClosed()).isFalse();
    }

    // ------------------------------------------------------------------------

    private FragmentWindowSplitReader reader(KinesisVideoFragmentClient client, int maxResults) {
        return new FragmentWindowSplitReader(
                unpaced(client),
                maxResults,
                Integer.MAX_VALUE,
                metrics,
                FAIL_FAST,
                SETTLED_AT_ONCE);
    }

    private FragmentWindowSplitReader polling(
            KinesisVideoFragmentClient client, ManualClock clock) {
        return new FragmentWindowSplitReader(
                unpaced(client),
                1000,
                Integer.MAX_VALUE,
                metrics,
                FAIL_FAST,
                new SettlePolicy(5_000, 15_000, 1_000, 30_000, clock));
    }

    /**
     * Adds {@code split}, fetches (a page at a time) until it finished, checks that nothing was
     * handed over before its last page, returns its records.
     */
    private static List<KinesisVideoFragment> fetchOne(
            FragmentWindowSplitReader reader, FragmentWindowSplit split) throws IOException {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        return fetchUntilFinished(reader, split);
    }

    private static List<KinesisVideoFragment> fetchUntilFinished(
            FragmentWindowSplitReader reader, FragmentWindowSplit split) throws IOException {
        for (int fetches = 0; fetches < 1_000; fetches++) {
            Drained drained = drain(reader.fetch());
            if (!drained.finished.isEmpty()) {
                assertThat(drained.finished).containsExactly(split.splitId());
                return drained.records;
            }
            assertThat(drained.records).as("records before the window's last page").isEmpty();
        }
        throw new AssertionError(split + " did not finish in 1000 fetches");
    }

    /** A week-long window, as planned over an empty stretch. */
    private static final FragmentWindowSplit WEEK =
            FragmentWindowSplit.of(CAM, SERVER_TIMESTAMP, 0, Duration.ofDays(7).toMillis());

    /** Three fragments on the first day, then {@code dense} every 2 s from the fifth day on. */
    private static List<KinesisVideoFragment> offlineForDaysThenEveryTwoSeconds(int dense) {
        List<KinesisVideoFragment> data = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            data.add(fragment("cam-1", number(i), 60_000L * i));
        }
        long from = Duration.ofDays(5).toMillis();
        for (int i = 0; i < dense; i++) {
            data.add(fragment("cam-1", number(3 + i), from + 2_000L * i));
        }
        return data;
    }

    private FragmentWindowSplitReader bounded(KinesisVideoFragmentClient client, int maxFragments) {
        return new FragmentWindowSplitReader(
                unpaced(client), 1000, maxFragments, metrics, FAIL_FAST, SETTLED_AT_ONCE);
    }

    /** Adds {@code split}, fetches until it finished, returns what each fetch handed over. */
    private static List<Drained> fetchAll(
            FragmentWindowSplitReader reader, FragmentWindowSplit split) throws IOException {
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split)));
        List<Drained> fetches = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Drained drained = drain(reader.fetch());
            fetches.add(drained);
            if (!drained.finished.isEmpty()) {
                assertThat(drained.finished).containsExactly(split.splitId());
                return fetches;
            }
        }
        throw new AssertionError(split + " did not finish in 1000 fetches");
    }

    private static List<KinesisVideoFragment> records(List<Drained> fetches) {
        List<KinesisVideoFragment> records = new ArrayList<>();
        fetches.forEach(d -> records.addAll(d.records));
        return records;
    }

    private static long millis(Instant instant) {
        return instant.toEpochMilli();
    }

    private static RecordsWithSplitIds<FetchedElement> fetchUnchecked(
            FragmentWindowSplitReader reader) {
        try {
            return reader.fetch();
        } catch (IOException e) {
            throw new RuntimeException(e);
        }
    }

    private static Drained drain(RecordsWithSplitIds<FetchedElement> fetch) {
        Drained drained = new Drained();
        while (fetch.nextSplit() != null) {
            FetchedElement e;
            while ((e = fetch.nextRecordFromSplit()) != null) {
                drained.elements.add(e);
                if (e instanceof FetchedElement.Fragment fragment) {
                    drained.records.add(fragment.fragment());
                } else if (e instanceof FetchedElement.Completed completed) {
                    drained.completed.add(completed.windowFragments());
                } else {
                    drained.settlements.add(((FetchedElement.Settled) e).untilMillis());
                }
            }
        }
        drained.finished.addAll(fetch.finishedSplits());
        return drained;
    }

    private static final class Drained {
        final List<KinesisVideoFragment> records = new ArrayList<>();
        final List<String> finished = new ArrayList<>();
        final List<Long> settlements = new ArrayList<>();
        final List<Long> completed = new ArrayList<>();
        final List<FetchedElement> elements = new ArrayList<>();
    }

    /** Answers every call with the same page, or throws the same exception. */
    /** Plays its answers in order, then repeats the last one. */
    private static final class ScriptedClient implements KinesisVideoFragmentClient {
        private final List<Object> answers;
        int calls;

        ScriptedClient(Object... answers) {
            this.answers = List.of(answers);
        }

        @Override
        public FragmentPage listFragments(ListFragmentsRequest request) {
            Object answer = answers.get(Math.min(calls++, answers.size() - 1));
            if (answer instanceof RuntimeException) {
                throw (RuntimeException) answer;
            }
            return (FragmentPage) answer;
        }

        @Override
        public void close() {}
    }
}
