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
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.connector.base.source.reader.RecordEmitter;

import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitState;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The {@link RecordEmitter} of the Kinesis Video source: emits a fragment with its selected
 * timestamp as the record's timestamp, then advances the split's position, so a checkpoint taken
 * between two records resumes exactly after the first.
 *
 * <p>Called on the task thread only.
 */
@Internal
public final class FragmentRecordEmitter
        implements RecordEmitter<
                KinesisVideoFragment, KinesisVideoFragment, FragmentWindowSplitState> {

    private final FetchedWindows fetchedWindows;
    private final KinesisVideoSourceReaderMetrics metrics;

    // Cache of the current window's listing time, to look it up once per window.
    private String cachedSplitId;
    private long cachedFetchedAtMillis;

    public FragmentRecordEmitter(
            FetchedWindows fetchedWindows, KinesisVideoSourceReaderMetrics metrics) {
        this.fetchedWindows = checkNotNull(fetchedWindows, "fetchedWindows must not be null");
        this.metrics = checkNotNull(metrics, "metrics must not be null");
    }

    @Override
    public void emitRecord(
            KinesisVideoFragment fragment,
            SourceOutput<KinesisVideoFragment> output,
            FragmentWindowSplitState state) {
        FragmentPosition position = FragmentPosition.of(fragment, state.split().selector());
        output.collect(fragment, position.timestampMillis());
        state.advanceTo(position);
        metrics.recordEmitted(fetchedAtMillis(state) - position.timestampMillis());
    }

    private long fetchedAtMillis(FragmentWindowSplitState state) {
        String splitId = state.split().splitId();
        if (!splitId.equals(cachedSplitId)) {
            FetchedWindows.FetchedWindow window = fetchedWindows.get(splitId);
            cachedSplitId = splitId;
            cachedFetchedAtMillis =
                    window == null ? System.currentTimeMillis() : window.fetchedAtMillis();
        }
        return cachedFetchedAtMillis;
    }
}
