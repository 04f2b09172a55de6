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

import org.apache.flink.api.connector.source.SourceOutput;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitState;
import dev.kvsflink.connector.kinesisvideo.testutils.RecordingReaderOutput;
import dev.kvsflink.connector.kinesisvideo.testutils.RecordingReaderOutput.Kind;
import dev.kvsflink.connector.kinesisvideo.testutils.TestMetrics;
import org.junit.jupiter.api.Test;

import static dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType.PRODUCER_TIMESTAMP;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.fragment;
import static dev.kvsflink.connector.kinesisvideo.testutils.Fragments.number;
import static org.assertj.core.api.Assertions.assertThat;

class FragmentRecordEmitterTest {

    private final TestMetrics testMetrics = new TestMetrics();
    private final FragmentRecordEmitter emitter = new FragmentRecordEmitter(testMetrics.metrics());

    @Test
    void emitsWithTheSelectedTimestampThenAdvancesThePosition() {
        FragmentWindowSplitState state =
                new FragmentWindowSplitState(
                        FragmentWindowSplit.of(
                                StreamRef.ofName("cam-1"), PRODUCER_TIMESTAMP, 0, 10_000));
        RecordingReaderOutput<KinesisVideoFragment> output = new RecordingReaderOutput<>();
        SourceOutput<KinesisVideoFragment> splitOutput = output.createOutputForSplit("s");
        KinesisVideoFragment fragment = fragment("cam-1", number(3), 1_234, 9_999);

        emitter.emitRecord(
                new FetchedElement.Fragment(
                        fragment, FragmentPosition.of(fragment, PRODUCER_TIMESTAMP), 10_000),
                splitOutput,
                state);

        assertThat(output.events())
                .containsExactly(
                        new RecordingReaderOutput.Event<>(Kind.CREATED, "s", null, Long.MIN_VALUE),
                        new RecordingReaderOutput.Event<>(Kind.RECORD, "s", fragment, 1_234));
        assertThat(state.lastEmitted()).isEqualTo(FragmentPosition.of(1_234, number(3)));
    }

    @Test
    void takesAnEmittedRecordOffThePendingRecords() {
        testMetrics.metrics().windowListed(2, 2);
        FragmentWindowSplitState state =
                new FragmentWindowSplitState(
                        FragmentWindowSplit.of(
                                StreamRef.ofName("cam-1"), PRODUCER_TIMESTAMP, 0, 10_000));

        emitter.emitRecord(
                new FetchedElement.Fragment(
                        fragment("cam-1", number(1), 5), FragmentPosition.of(5, number(1)), 10_000),
                new RecordingReaderOutput<KinesisVideoFragment>(),
                state);

        assertThat(testMetrics.gauge("pendingRecords")).isEqualTo(1L);
    }

    @Test
    void aSettlementMovesTheSettledTimeAndEmitsTheWatermarkJustBelowIt() {
        FragmentWindowSplitState state =
                new FragmentWindowSplitState(
                        FragmentWindowSplit.of(
                                StreamRef.ofName("cam-1"), PRODUCER_TIMESTAMP, 0, Long.MAX_VALUE));
        RecordingReaderOutput<KinesisVideoFragment> output = new RecordingReaderOutput<>();
        SourceOutput<KinesisVideoFragment> splitOutput = output.createOutputForSplit("s");

        emitter.emitRecord(new FetchedElement.Settled(5_000), splitOutput, state);

        assertThat(output.events())
                .containsExactly(
                        new RecordingReaderOutput.Event<>(Kind.CREATED, "s", null, Long.MIN_VALUE),
                        new RecordingReaderOutput.Event<>(Kind.WATERMARK, "s", null, 4_999));
        assertThat(state.settledUntilMillis()).isEqualTo(5_000);
        assertThat(state.toSplit().settledUntilMillis()).isEqualTo(5_000);
    }

    @Test
    void aSettlementThatMovesNothingEmitsNoWatermark() {
        FragmentWindowSplitState state =
                new FragmentWindowSplitState(
                        FragmentWindowSplit.of(
                                        StreamRef.ofName("cam-1"),
                                        PRODUCER_TIMESTAMP,
                                        0,
                                        Long.MAX_VALUE)
                                .withSettledUntil(5_000));
        RecordingReaderOutput<KinesisVideoFragment> output = new RecordingReaderOutput<>();

        emitter.emitRecord(
                new FetchedElement.Settled(5_000), output.createOutputForSplit("s"), state);

        assertThat(output.events())
                .extracting(RecordingReaderOutput.Event::kind)
                .containsExactly(Kind.CREATED);
    }

    @Test
    void aCompletionRecordsHowManyFragmentsTheWindowHeldAndEmitsNothing() {
        FragmentWindowSplitState state =
                new FragmentWindowSplitState(
                        FragmentWindowSplit.of(
                                StreamRef.ofName("cam-1"), PRODUCER_TIMESTAMP, 0, 10_000));
        RecordingReaderOutput<KinesisVideoFragment> output = new RecordingReaderOutput<>();

        emitter.emitRecord(
                new FetchedElement.Completed(42), output.createOutputForSplit("s"), state);

        assertThat(state.windowFragments()).isEqualTo(42);
        assertThat(output.events())
                .extracting(RecordingReaderOutput.Event::kind)
                .containsExactly(Kind.CREATED);
    }
}
