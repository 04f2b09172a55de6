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

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.enumerator.KinesisVideoEnumeratorState;
import dev.kvsflink.connector.kinesisvideo.enumerator.KinesisVideoEnumeratorStateSerializer;
import dev.kvsflink.connector.kinesisvideo.enumerator.KinesisVideoSplitEnumerator;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.reader.KinesisVideoSourceReaderFactory;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitSerializer;

import java.util.List;

/**
 * A Flink source of the fragments of Kinesis Video streams in a time range, listed with the {@code
 * ListFragments} API; or, built with {@code startingAt(start)}, of every fragment from {@code
 * start} on, following the streams as they grow (unbounded: the tail mode, see {@code
 * KinesisVideoSourceOptions#TAIL_CONSISTENCY_LAG}).
 *
 * <pre>{@code
 * KinesisVideoFragmentSource source =
 *     KinesisVideoFragmentSource.builder()
 *         .streams("cam-1", "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1700000000000")
 *         .selector(FragmentSelectorType.SERVER_TIMESTAMP)
 *         .range(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-02T00:00:00Z"))
 *         .region("us-east-1")
 *         .build();
 * env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "kvs");
 * }</pre>
 *
 * <p><b>What it emits.</b> Every fragment whose selected timestamp lies in {@code [start, end)},
 * exactly once under checkpointing (also across failures and rescaling), each with its selected
 * timestamp (epoch ms) as the record timestamp. Bounded: it ends when the range is read. Only
 * fragments whose time is settled (before now minus the consistency lag, by which every fragment is
 * surely listable) are emitted, so a window that reaches past that is listed again every poll
 * interval until it is settled; a stream's open tail is listed so forever.
 *
 * <p><b>How.</b> The enumerator cuts each stream's range into time windows on demand, adapting
 * their length to the stream's density ({@code source.window.*}), and hands them to readers
 * earliest first. A reader lists a whole window, then emits it in (timestamp, fragment number)
 * order and checkpoints only the position of the last fragment emitted: pagination tokens are never
 * checkpointed, so a restored window lists again and skips what was emitted.
 *
 * <p><b>Watermarks.</b> Per stream and window, records are emitted in timestamp order, and the
 * source guarantees that a reader's watermark never passes the timestamp of a record it has yet to
 * emit: each split is stamped with the earliest start of all windows not yet assigned, and the
 * reader holds its watermark below that floor and below every window it holds but has not started.
 * With {@code WatermarkStrategy.forMonotonousTimestamps()} no record of this source is ever late,
 * with any parallelism and any number of streams. Do not add {@code withIdleness(...)}: the floor
 * is held by a split output that never receives records, which an idleness timeout would mark idle.
 * While tailing, a stream's watermark follows its settled time even when no fragment arrives, so a
 * silent stream holds nothing back and no idleness is needed. Use the server timestamp for this
 * guarantee to hold in the camera's real time: producer timestamps are only as ordered as the
 * camera's clock.
 *
 * <p>Options: see {@code KinesisVideoSourceOptions} and {@code AwsClientOptions}. Reader metrics:
 * see {@link KinesisVideoSourceReaderMetrics}.
 */
@PublicEvolving
public final class KinesisVideoFragmentSource
        implements Source<KinesisVideoFragment, FragmentWindowSplit, KinesisVideoEnumeratorState>,
                ResultTypeQueryable<KinesisVideoFragment> {
    private static final long serialVersionUID = 1L;

    private final List<StreamRef> streams;
    private final FragmentSelectorType selector;
    private final long startMillis;
    private final long endMillis;
    private final KinesisVideoSourceSettings settings;
    private final KinesisVideoFragmentClientFactory clientFactory;
    private final KinesisVideoSourceReaderFactory readerFactory;

    KinesisVideoFragmentSource(
            List<StreamRef> streams,
            FragmentSelectorType selector,
            long startMillis,
            long endMillis,
            KinesisVideoSourceSettings settings,
            Configuration sourceOptions,
            KinesisVideoFragmentClientFactory clientFactory) {
        this.streams = List.copyOf(streams);
        this.selector = selector;
        this.startMillis = startMillis;
        this.endMillis = endMillis;
        this.settings = settings;
        this.clientFactory = clientFactory;
        this.readerFactory =
                new KinesisVideoSourceReaderFactory(
                        settings, sourceOptions, clientFactory, selector);
    }

    /** A builder; see the class comment for an example. */
    public static KinesisVideoFragmentSourceBuilder builder() {
        return new KinesisVideoFragmentSourceBuilder();
    }

    @Override
    public Boundedness getBoundedness() {
        return endMillis == Long.MAX_VALUE ? Boundedness.CONTINUOUS_UNBOUNDED : Boundedness.BOUNDED;
    }

    @Override
    public SourceReader<KinesisVideoFragment, FragmentWindowSplit> createReader(
            SourceReaderContext readerContext) {
        return readerFactory.create(readerContext);
    }

    @Override
    public SplitEnumerator<FragmentWindowSplit, KinesisVideoEnumeratorState> createEnumerator(
            SplitEnumeratorContext<FragmentWindowSplit> context) {
        return new KinesisVideoSplitEnumerator(context, selector, settings, initialState());
    }

    @Override
    public SplitEnumerator<FragmentWindowSplit, KinesisVideoEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<FragmentWindowSplit> context,
            KinesisVideoEnumeratorState checkpoint) {
        return new KinesisVideoSplitEnumerator(
                context,
                selector,
                settings,
                checkpoint.continuedBy(
                        streams, startMillis, settings.initialWindowMillis(), endMillis));
    }

    @Override
    public SimpleVersionedSerializer<FragmentWindowSplit> getSplitSerializer() {
        return FragmentWindowSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<KinesisVideoEnumeratorState>
            getEnumeratorCheckpointSerializer() {
        return new KinesisVideoEnumeratorStateSerializer();
    }

    @Override
    public TypeInformation<KinesisVideoFragment> getProducedType() {
        return TypeInformation.of(KinesisVideoFragment.class);
    }

    @VisibleForTesting
    KinesisVideoEnumeratorState initialState() {
        return KinesisVideoEnumeratorState.initial(
                streams, startMillis, settings.initialWindowMillis(), endMillis);
    }

    @VisibleForTesting
    List<StreamRef> streams() {
        return streams;
    }

    @VisibleForTesting
    KinesisVideoSourceSettings settings() {
        return settings;
    }

    @VisibleForTesting
    KinesisVideoFragmentClientFactory clientFactory() {
        return clientFactory;
    }
}
