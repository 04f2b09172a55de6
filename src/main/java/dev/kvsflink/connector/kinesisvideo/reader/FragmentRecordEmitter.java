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

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitState;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The {@link RecordEmitter} of the Kinesis Video source: emits a fragment with its selected
 * timestamp as the record's timestamp, then advances the split's position, so a checkpoint taken
 * between two records resumes exactly after the first.
 *
 * <p>A settlement ({@link FetchedElement.Settled}) moves the split's settled time and emits the
 * watermark just below it on the split's output: no fragment before it will come from the split, so
 * the split's watermark follows wall-clock time even while its stream is silent, and a silent
 * stream never holds the job's event time back by more than the settle lag. A completion ({@link
 * FetchedElement.Completed}) records in the split's state how many fragments the window held, for
 * the reader to tell the enumerator when the split finishes.
 *
 * <p>Called on the task thread only.
 */
@Internal
final class FragmentRecordEmitter
        implements RecordEmitter<FetchedElement, KinesisVideoFragment, FragmentWindowSplitState> {

    private final KinesisVideoSourceReaderMetrics metrics;

    FragmentRecordEmitter(KinesisVideoSourceReaderMetrics metrics) {
        this.metrics = checkNotNull(metrics, "metrics must not be null");
    }

    @Override
    public void emitRecord(
            FetchedElement element,
            SourceOutput<KinesisVideoFragment> output,
            FragmentWindowSplitState state) {
        if (element instanceof FetchedElement.Completed completed) {
            metrics.settlementHandled();
            state.complete(completed.windowFragments());
            return;
        }
        if (element instanceof FetchedElement.Settled settled) {
            metrics.settlementHandled();
            long until = settled.untilMillis();
            if (until > state.settledUntilMillis()) {
                state.settle(until);
                output.emitWatermark(new Watermark(until - 1));
                metrics.settled(state.split().stream(), until);
            }
            return;
        }
        FetchedElement.Fragment fetched = (FetchedElement.Fragment) element;
        FragmentPosition position = fetched.position();
        output.collect(fetched.fragment(), position.timestampMillis());
        state.advanceTo(position);
        metrics.recordEmitted(fetched.fetchedAtMillis() - position.timestampMillis());
    }
}
