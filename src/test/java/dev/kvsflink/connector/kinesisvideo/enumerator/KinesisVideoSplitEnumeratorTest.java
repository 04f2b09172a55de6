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

package dev.kvsflink.connector.kinesisvideo.enumerator;

import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingSplitEnumeratorContext;

import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.ManualClock;
import dev.kvsflink.connector.kinesisvideo.event.StreamBudgetEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowCompletedEvent;
import dev.kvsflink.connector.kinesisvideo.event.WindowsRestoredEvent;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisVideoSplitEnumeratorTest {

    private static final StreamRef CAM_1 = StreamRef.ofName("cam-1");
    private static final StreamRef CAM_2 = StreamRef.ofName("cam-2");
    private static final long MINUTE = 60_000;

    private final TestingSplitEnumeratorContext<FragmentWindowSplit> context =
            new TestingSplitEnumeratorContext<>(4);

    @Test
    void assignsTheEarliestWindowAcrossStreams() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(
                        4,
                        StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE),
                        StreamCursor.of(CAM_2, 0, 10 * MINUTE, 60 * MINUTE));
        for (int i = 0; i < 4; i++) {
            enumerator.handleSplitRequest(0, null);
        }
        assertThat(assigned(0))
                .extracting(FragmentWindowSplit::stream, FragmentWindowSplit::startMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(CAM_1, 0L),
                        org.assertj.core.groups.Tuple.tuple(CAM_2, 0L),
                        org.assertj.core.groups.Tuple.tuple(CAM_1, 10 * MINUTE),
                        org.assertj.core.groups.Tuple.tuple(CAM_2, 10 * MINUTE));
    }

    @Test
    void stampsEachSplitWithTheEarliestStartStillUnassigned() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(
                        4,
                        StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE),
                        StreamCursor.of(CAM_2, 0, 10 * MINUTE, 60 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);
        assertThat(assigned(0).get(0).watermarkFloorMillis()).isEqualTo(0); // cam-2 still at 0
        assertThat(assigned(1).get(0).watermarkFloorMillis()).isEqualTo(10 * MINUTE);
    }

    @Test
    void stampsTheEndOfTimeOnTheLastWindow() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 10 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0).get(0).watermarkFloorMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void signalsNoMoreSplitsOnceEveryWindowIsAssigned() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 20 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isFalse();
        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0)).hasSize(2);
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isTrue();
    }

    @Test
    void signalsNoMoreSplitsToAReaderOnlyOnceHoweverManyRequestsItHadSent() {
        AtomicInteger signals = new AtomicInteger();
        TestingSplitEnumeratorContext<FragmentWindowSplit> counting = countingSignals(signals);
        KinesisVideoSplitEnumerator enumerator =
                new KinesisVideoSplitEnumerator(
                        counting,
                        FragmentSelectorType.SERVER_TIMESTAMP,
                        settings(4),
                        new KinesisVideoEnumeratorState(
                                List.of(StreamCursor.of(CAM_1, 0, 10 * MINUTE, 10 * MINUTE)),
                                List.of()));
        // The reader holds two splits at once, so it asked twice before the range ran out.
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);

        assertThat(signals).hasValue(1);
    }

    @Test
    void signalsNoMoreSplitsAgainToAReaderThatRegisteredAgainAfterAFailure() {
        AtomicInteger signals = new AtomicInteger();
        TestingSplitEnumeratorContext<FragmentWindowSplit> counting = countingSignals(signals);
        KinesisVideoSplitEnumerator enumerator =
                new KinesisVideoSplitEnumerator(
                        counting,
                        FragmentSelectorType.SERVER_TIMESTAMP,
                        settings(4),
                        new KinesisVideoEnumeratorState(List.of(), List.of()));
        enumerator.handleSplitRequest(0, null);
        enumerator.addReader(0);
        enumerator.handleSplitRequest(0, null);

        assertThat(signals).hasValue(2);
    }

    @Test
    void boundsTheWindowsInFlightPerStreamAndServesTheWaitingReaderOnCompletion() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(2, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0)).hasSize(2);

        enumerator.handleSourceEvent(0, WindowCompletedEvent.of(assigned(0).get(0), 10_000));

        assertThat(assigned(0)).hasSize(3);
        assertThat(assigned(0).get(2).startMillis()).isEqualTo(20 * MINUTE);
    }

    @Test
    void answersEveryWaitingRequestOfAReaderOnceWindowsComplete() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(2, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(1, null);
        assertThat(assigned(1)).isEmpty();

        enumerator.handleSourceEvent(0, WindowCompletedEvent.of(assigned(0).get(0), 10_000));
        enumerator.handleSourceEvent(0, WindowCompletedEvent.of(assigned(0).get(1), 10_000));

        assertThat(assigned(1)).hasSize(2);
    }

    @Test
    void servesAWaitingReaderWhenAFailedReadersWindowsAreAddedBack() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(1, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0)).isEmpty();

        enumerator.addSplitsBack(assigned(1), 1);

        assertThat(assigned(0))
                .extracting(FragmentWindowSplit::startMillis)
                .containsExactly(10 * MINUTE);
    }

    @Test
    void adaptsTheNextWindowToTheReportedDensity() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 600 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        // 20,000 fragments in 10 minutes; the default target is 10,000.
        enumerator.handleSourceEvent(0, WindowCompletedEvent.of(assigned(0).get(0), 20_000));
        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0).get(1).lengthMillis()).isEqualTo(5 * MINUTE);
    }

    @Test
    void keepsSplitsAddedBackForTheSubtaskThatHadThem() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        FragmentWindowSplit first = assigned(0).get(0);
        enumerator.addSplitsBack(List.of(first), 0);

        enumerator.handleSplitRequest(1, null);
        assertThat(assigned(1).get(0).startMillis()).isEqualTo(10 * MINUTE);

        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0).get(1).splitId()).isEqualTo(first.splitId());
    }

    @Test
    void stampsAFreshFloorOnAReassignedSplit() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.addSplitsBack(List.of(assigned(0).get(0)), 0);
        enumerator.handleSplitRequest(0, null);
        assertThat(assigned(0).get(2).watermarkFloorMillis()).isEqualTo(20 * MINUTE);
    }

    @Test
    void snapshotHoldsTheCursorAndThePendingSplitsOnly() throws Exception {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.addSplitsBack(List.of(assigned(0).get(1)), 0);

        KinesisVideoEnumeratorState state = enumerator.snapshotState(1);

        assertThat(state.cursors())
                .containsExactly(StreamCursor.of(CAM_1, 20 * MINUTE, 10 * MINUTE, 60 * MINUTE));
        assertThat(state.pendingSplits()).containsExactly(assigned(0).get(1));
    }

    @Test
    void restoredPendingSplitsGoToAnyReaderEarliestFirst() {
        FragmentWindowSplit pending =
                FragmentWindowSplit.of(
                        CAM_1, FragmentSelectorType.SERVER_TIMESTAMP, 0, 10 * MINUTE);
        KinesisVideoSplitEnumerator enumerator =
                new KinesisVideoSplitEnumerator(
                        context,
                        FragmentSelectorType.SERVER_TIMESTAMP,
                        settings(4),
                        new KinesisVideoEnumeratorState(
                                List.of(
                                        StreamCursor.of(
                                                CAM_1, 10 * MINUTE, 10 * MINUTE, 60 * MINUTE)),
                                List.of(pending)));
        enumerator.handleSplitRequest(3, null);
        assertThat(assigned(3).get(0).splitId()).isEqualTo(pending.splitId());
        assertThat(assigned(3).get(0).watermarkFloorMillis()).isEqualTo(10 * MINUTE);
    }

    @Test
    void stateStaysSmallForAYearOfTenStreams() throws Exception {
        List<StreamCursor> cursors = new ArrayList<>();
        long year = 365L * 24 * 60 * MINUTE;
        for (int i = 0; i < 10; i++) {
            cursors.add(StreamCursor.of(StreamRef.ofName("camera-" + i), 0, 10 * MINUTE, year));
        }
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, cursors.toArray(new StreamCursor[0]));
        for (int i = 0; i < 8; i++) {
            enumerator.handleSplitRequest(i % 4, null);
        }
        enumerator.addSplitsBack(assigned(0), 0);

        byte[] bytes =
                new KinesisVideoEnumeratorStateSerializer().serialize(enumerator.snapshotState(1));

        System.out.println("Enumerator state, 1 year x 10 streams: " + bytes.length + " bytes");
        assertThat(bytes.length).isLessThan(2_000);
    }

    /** A context that counts the no-more-splits signals it is given. */
    private static TestingSplitEnumeratorContext<FragmentWindowSplit> countingSignals(
            AtomicInteger signals) {
        return new TestingSplitEnumeratorContext<>(4) {
            @Override
            public void signalNoMoreSplits(int subtask) {
                signals.incrementAndGet();
                super.signalNoMoreSplits(subtask);
            }
        };
    }

    @Test
    void aSingleReaderOfAStreamGetsTheWholeBudget() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);

        assertThat(lastShares(0)).containsExactly(Map.entry("cam-1", 4.0));
    }

    @Test
    void readersOfOneStreamShareItsBudgetByTheWindowsTheyHold() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(1, null);

        assertThat(lastShares(0)).containsExactly(Map.entry("cam-1", 2.0));
        assertThat(lastShares(1)).containsExactly(Map.entry("cam-1", 2.0));
    }

    @Test
    void theSharesOfTheReadersHoldingAStreamNeverAddUpToMoreThanItsBudget() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(
                        3,
                        StreamCursor.of(CAM_1, 0, 10 * MINUTE, 600 * MINUTE),
                        StreamCursor.of(CAM_2, 0, 10 * MINUTE, 600 * MINUTE));
        for (int subtask = 0; subtask < 4; subtask++) {
            context.registerReader(subtask, "host");
        }
        Set<String> completed = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            enumerator.handleSplitRequest(i % 4, null);
            if (i % 3 == 2) {
                int holder = (i + 1) % 4;
                for (FragmentWindowSplit split : assigned(holder)) {
                    if (completed.add(split.splitId())) {
                        enumerator.handleSourceEvent(holder, WindowCompletedEvent.of(split, 100));
                        break;
                    }
                }
            }
            for (String stream : List.of("cam-1", "cam-2")) {
                double total = 0;
                for (int subtask = 0; subtask < 4; subtask++) {
                    boolean holds =
                            assigned(subtask).stream()
                                    .anyMatch(
                                            w ->
                                                    w.stream().id().equals(stream)
                                                            && !completed.contains(w.splitId()));
                    if (holds) {
                        total += lastShares(subtask).get(stream);
                    }
                }
                assertThat(total).isLessThanOrEqualTo(4.0 + 1e-9);
            }
        }
    }

    @Test
    void aCompletedWindowGivesItsPartOfTheBudgetToTheOtherReaders() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);

        enumerator.handleSourceEvent(0, WindowCompletedEvent.of(assigned(0).get(0), 100));

        assertThat(lastShares(1)).containsExactly(Map.entry("cam-1", 4.0));
    }

    @Test
    void aReaderToldThatNoSplitWillComeIsSentNoMoreShares() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 20 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(0, null); // nothing left: reader 0 may finish from now on
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isTrue();
        int eventsBefore = context.getSentEvents().get(0).size();

        // Reader 1 completes first, while reader 0's report of its last window is on its way.
        enumerator.handleSourceEvent(1, WindowCompletedEvent.of(assigned(1).get(0), 100));

        assertThat(context.getSentEvents().get(0)).hasSize(eventsBefore);
    }

    @Test
    void theOthersShareWhatAReaderToldThatNoSplitWillComeKeepsNot() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 30 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(0, null); // nothing left: reader 0 keeps its third
        assertThat(lastShares(0)).containsExactly(Map.entry("cam-1", 4.0 / 3));

        enumerator.handleSourceEvent(1, WindowCompletedEvent.of(assigned(1).get(0), 100));

        assertThat(lastShares(1)).containsExactly(Map.entry("cam-1", 4.0 - 4.0 / 3));
    }

    @Test
    void windowsAReaderRestoredCountAgainstTheirStreamsBound() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(1, StreamCursor.of(CAM_1, 10 * MINUTE, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        FragmentWindowSplit restored =
                FragmentWindowSplit.of(
                        CAM_1, FragmentSelectorType.SERVER_TIMESTAMP, 0, 10 * MINUTE);
        enumerator.handleSourceEvent(1, new WindowsRestoredEvent(List.of(restored)));

        enumerator.handleSplitRequest(0, null);

        assertThat(assigned(0)).isEmpty();
    }

    @Test
    void windowsAReaderRestoredShareTheBudgetWithTheWindowsAssignedAfterThem() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 10 * MINUTE, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        context.registerReader(1, "host");
        FragmentWindowSplit restored =
                FragmentWindowSplit.of(
                        CAM_1, FragmentSelectorType.SERVER_TIMESTAMP, 0, 10 * MINUTE);
        enumerator.handleSourceEvent(1, new WindowsRestoredEvent(List.of(restored)));
        assertThat(lastShares(1)).containsExactly(Map.entry("cam-1", 4.0));

        enumerator.handleSplitRequest(0, null);

        assertThat(lastShares(0)).containsExactly(Map.entry("cam-1", 2.0));
        assertThat(lastShares(1)).containsExactly(Map.entry("cam-1", 2.0));
    }

    @Test
    void theSharesReachAReaderBeforeTheWindowTheyAreFor() {
        KinesisVideoSplitEnumerator enumerator =
                enumerator(4, StreamCursor.of(CAM_1, 0, 10 * MINUTE, 60 * MINUTE));
        context.registerReader(0, "host");
        enumerator.handleSplitRequest(0, null);

        // The testing context records events at once but runs assignments later, in order.
        assertThat(context.getSentEvents().get(0)).hasSize(1);
        assertThat(assigned(0)).hasSize(1);
    }

    @Test
    void anUnboundedStreamGetsWindowsUpToTheSettledTimeThenItsOpenTail() {
        // Now is 25 minutes in, so with the 5 s lag 2 windows of 10 minutes are settled.
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(25 * MINUTE));
        KinesisVideoSplitEnumerator enumerator =
                tailing(clock, StreamCursor.of(CAM_1, 0, 10 * MINUTE, Long.MAX_VALUE));
        for (int i = 0; i < 3; i++) {
            enumerator.handleSplitRequest(0, null);
        }
        assertThat(assigned(0))
                .extracting(FragmentWindowSplit::startMillis, FragmentWindowSplit::endMillis)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 10 * MINUTE),
                        org.assertj.core.groups.Tuple.tuple(10 * MINUTE, 20 * MINUTE),
                        org.assertj.core.groups.Tuple.tuple(20 * MINUTE, Long.MAX_VALUE));
    }

    @Test
    void aReaderAskingForMoreOnceEveryTailIsAssignedIsToldNoMoreSplits() {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(5 * MINUTE));
        KinesisVideoSplitEnumerator enumerator =
                tailing(clock, StreamCursor.of(CAM_1, 0, 10 * MINUTE, Long.MAX_VALUE));
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);

        assertThat(assigned(0)).hasSize(1);
        assertThat(context.getSplitAssignments().get(1).hasReceivedNoMoreSplitsSignal()).isTrue();
    }

    @Test
    void theTailOfAStreamIsKeptInTheStateWhenItsReaderFails() {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(5 * MINUTE));
        KinesisVideoSplitEnumerator enumerator =
                tailing(clock, StreamCursor.of(CAM_1, 0, 10 * MINUTE, Long.MAX_VALUE));
        enumerator.handleSplitRequest(0, null);
        FragmentWindowSplit tail = assigned(0).get(0).withSettledUntil(4 * MINUTE);

        enumerator.addSplitsBack(List.of(tail), 0);

        assertThat(enumerator.snapshotState(1).pendingSplits()).containsExactly(tail);
    }

    @Test
    void openTailsAreSpreadEvenlyOverTheReaders() {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(5 * MINUTE));
        KinesisVideoSplitEnumerator enumerator =
                tailing(
                        clock,
                        StreamCursor.of(CAM_1, 0, 10 * MINUTE, Long.MAX_VALUE),
                        StreamCursor.of(CAM_2, 0, 10 * MINUTE, Long.MAX_VALUE),
                        StreamCursor.of(StreamRef.ofName("cam-3"), 0, 10 * MINUTE, Long.MAX_VALUE),
                        StreamCursor.of(StreamRef.ofName("cam-4"), 0, 10 * MINUTE, Long.MAX_VALUE));
        for (int subtask = 0; subtask < 4; subtask++) {
            context.registerReader(subtask, "host");
        }

        // A reader that holds only tails keeps asking: it must not take every tail.
        for (int i = 0; i < 4; i++) {
            enumerator.handleSplitRequest(0, null);
        }
        for (int subtask = 1; subtask < 4; subtask++) {
            enumerator.handleSplitRequest(subtask, null);
            enumerator.handleSplitRequest(subtask, null);
        }

        for (int subtask = 0; subtask < 4; subtask++) {
            assertThat(assigned(subtask)).as("tails of subtask %s", subtask).hasSize(1);
        }
    }

    @Test
    void theFirstReaderToRegisterLeavesTailsForTheReadersStillStarting() {
        // Found on a real cluster: 3 streams, 4 readers registering one by one. The first reader
        // took two tails before the others registered; two readers were then told that no split
        // was left and finished, and one TaskManager ran no stream at all.
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(5 * MINUTE));
        KinesisVideoSplitEnumerator enumerator =
                tailing(
                        clock,
                        StreamCursor.of(CAM_1, 0, 10 * MINUTE, Long.MAX_VALUE),
                        StreamCursor.of(CAM_2, 0, 10 * MINUTE, Long.MAX_VALUE),
                        StreamCursor.of(StreamRef.ofName("cam-3"), 0, 10 * MINUTE, Long.MAX_VALUE));
        for (int subtask : List.of(2, 3, 1, 0)) {
            context.registerReader(subtask, "host");
            enumerator.addReader(subtask);
            enumerator.handleSplitRequest(subtask, null);
            enumerator.handleSplitRequest(subtask, null);
        }

        assertThat(assigned(2)).as("tails of subtask 2").hasSize(1);
        assertThat(assigned(3)).as("tails of subtask 3").hasSize(1);
        assertThat(assigned(1)).as("tails of subtask 1").hasSize(1);
        assertThat(assigned(0)).as("tails of subtask 0").isEmpty();
        assertThat(context.getSplitAssignments().get(0).hasReceivedNoMoreSplitsSignal()).isTrue();
    }

    @Test
    void theLastWindowsOfARangeEndingAfterNowAreSpreadLikeTails() {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(5 * MINUTE));
        long end = 60 * MINUTE; // 55 minutes after now: each stream's last window is held long
        KinesisVideoSplitEnumerator enumerator =
                tailing(
                        clock,
                        StreamCursor.of(CAM_1, 0, 10 * MINUTE, end),
                        StreamCursor.of(CAM_2, 0, 10 * MINUTE, end));
        context.registerReader(0, "host");
        context.registerReader(1, "host");

        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);

        assertThat(assigned(0)).extracting(FragmentWindowSplit::endMillis).containsExactly(end);
        assertThat(assigned(1)).extracting(FragmentWindowSplit::endMillis).containsExactly(end);
    }

    private KinesisVideoSplitEnumerator tailing(ManualClock clock, StreamCursor... cursors) {
        return new KinesisVideoSplitEnumerator(
                context,
                FragmentSelectorType.SERVER_TIMESTAMP,
                settings(4),
                new KinesisVideoEnumeratorState(List.of(cursors), List.of()),
                clock);
    }

    private KinesisVideoSplitEnumerator enumerator(int maxConcurrent, StreamCursor... cursors) {
        return new KinesisVideoSplitEnumerator(
                context,
                FragmentSelectorType.SERVER_TIMESTAMP,
                settings(maxConcurrent),
                new KinesisVideoEnumeratorState(List.of(cursors), List.of()));
    }

    private static KinesisVideoSourceSettings settings(int maxConcurrent) {
        Configuration conf = new Configuration();
        conf.set(KinesisVideoSourceOptions.STREAM_MAX_CONCURRENT_WINDOWS, maxConcurrent);
        conf.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(10));
        return KinesisVideoSourceSettings.fromConfiguration(conf);
    }

    /** The shares last sent to {@code subtask}; none when nothing was sent. */
    private Map<String, Double> lastShares(int subtask) {
        List<SourceEvent> events = context.getSentEvents().getOrDefault(subtask, List.of());
        Map<String, Double> shares = Map.of();
        for (SourceEvent event : events) {
            if (event instanceof StreamBudgetEvent) {
                shares = ((StreamBudgetEvent) event).sharesByStream();
            }
        }
        return shares;
    }

    private List<FragmentWindowSplit> assigned(int subtask) {
        var state = context.getSplitAssignments().get(subtask);
        return state == null ? List.of() : state.getAssignedSplits();
    }
}
