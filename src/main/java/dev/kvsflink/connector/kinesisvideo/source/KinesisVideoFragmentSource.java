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
import dev.kvsflink.connector.kinesisvideo.enumerator.StreamCursor;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.reader.ErrorHandling;
import dev.kvsflink.connector.kinesisvideo.reader.FetchedWindows;
import dev.kvsflink.connector.kinesisvideo.reader.FragmentRecordEmitter;
import dev.kvsflink.connector.kinesisvideo.reader.FragmentWindowSplitReader;
import dev.kvsflink.connector.kinesisvideo.reader.KinesisVideoSourceReader;
import dev.kvsflink.connector.kinesisvideo.reader.ReaderClient;
import dev.kvsflink.connector.kinesisvideo.reader.SettlePolicy;
import dev.kvsflink.connector.kinesisvideo.reader.StreamRequestBudgets;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    private static final Logger LOG = LoggerFactory.getLogger(KinesisVideoFragmentSource.class);

    private final List<StreamRef> streams;
    private final FragmentSelectorType selector;
    private final long startMillis;
    private final long endMillis;
    private final KinesisVideoSourceSettings settings;
    private final Configuration sourceOptions;
    private final KinesisVideoFragmentClientFactory clientFactory;

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
        this.sourceOptions = new Configuration(sourceOptions);
        this.clientFactory = clientFactory;
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
        KinesisVideoSourceReaderMetrics metrics =
                new KinesisVideoSourceReaderMetrics(readerContext.metricGroup());
        FetchedWindows fetchedWindows = new FetchedWindows();
        StreamRequestBudgets budgets =
                new StreamRequestBudgets(
                        settings.listFragmentsBudget(), readerContext.currentParallelism());
        // One client per reader, not per fetcher: fetchers come and go with their windows, and
        // each new client resolved its streams' data endpoints again.
        ReaderClient client =
                new ReaderClient(
                        clientFactory,
                        metrics.clientListener().andThen(budgets.throttlingListener()),
                        settings.dataEndpointBudget(),
                        readerContext.currentParallelism());
        return new KinesisVideoSourceReader(
                () ->
                        new FragmentWindowSplitReader(
                                client.forFetcher(),
                                settings.maxResults(),
                                settings.maxFragments(),
                                fetchedWindows,
                                metrics,
                                budgets,
                                ErrorHandling.from(settings),
                                SettlePolicy.from(settings)),
                new FragmentRecordEmitter(metrics),
                sourceOptions,
                readerContext,
                settings.splitsInFlight(),
                settings.fetchThreads(),
                fetchedWindows,
                metrics,
                budgets,
                selector,
                client);
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
                context, selector, settings, restoredState(checkpoint));
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
        List<StreamCursor> cursors = new ArrayList<>();
        for (StreamRef stream : streams) {
            cursors.add(newCursor(stream));
        }
        return new KinesisVideoEnumeratorState(cursors, List.of());
    }

    /**
     * The checkpoint as this source continues it: each configured stream's cursor planning up to
     * this source's range end, and a fresh cursor for every configured stream the checkpoint does
     * not know. Streams in the checkpoint are read to its end, even if they were removed from the
     * configuration: the checkpoint is the truth about what was promised.
     */
    @VisibleForTesting
    KinesisVideoEnumeratorState restoredState(KinesisVideoEnumeratorState checkpoint) {
        Set<StreamRef> configured = new HashSet<>(streams);
        Set<StreamRef> known = new HashSet<>();
        List<StreamCursor> cursors = new ArrayList<>();
        for (StreamCursor cursor : checkpoint.cursors()) {
            known.add(cursor.stream());
            cursors.add(configured.contains(cursor.stream()) ? withThisEnd(cursor) : cursor);
        }
        for (StreamRef stream : streams) {
            if (!known.contains(stream)) {
                LOG.info(
                        "Stream {} is not in the checkpoint; reading its range from the start",
                        stream);
                cursors.add(newCursor(stream));
            }
        }
        return new KinesisVideoEnumeratorState(cursors, checkpoint.pendingSplits());
    }

    /**
     * A restored cursor that plans up to this source's end. A later end extends the range: the
     * windows of the checkpoint end at its end at the latest (the planner cuts them there), so
     * planning on from the cursor reads {@code [old end, new end)} exactly once. An earlier end
     * cannot be honoured: windows up to the old end may already be pending or held by readers,
     * which read them whole.
     *
     * @throws IllegalStateException if this source's range ends before the checkpoint's
     */
    private StreamCursor withThisEnd(StreamCursor cursor) {
        if (endMillis == cursor.endMillis()) {
            return cursor;
        }
        if (endMillis > cursor.endMillis()) {
            LOG.info(
                    "Range of {} extended on restore from {} to {}",
                    cursor.stream(),
                    Instant.ofEpochMilli(cursor.endMillis()),
                    endMillis == Long.MAX_VALUE ? "no end" : Instant.ofEpochMilli(endMillis));
            return cursor.withEndMillis(endMillis);
        }
        throw new IllegalStateException(
                "The checkpoint reads "
                        + cursor.stream()
                        + " up to "
                        + (cursor.endMillis() == Long.MAX_VALUE
                                ? "no end (a tailing source)"
                                : Instant.ofEpochMilli(cursor.endMillis()).toString())
                        + ", after this source's range end "
                        + Instant.ofEpochMilli(endMillis)
                        + ": a restored source can extend its range but not cut it, since windows"
                        + " up to the old end may already be held by readers. Restore with an"
                        + " end at or after the old one, or start without the checkpoint.");
    }

    private StreamCursor newCursor(StreamRef stream) {
        return StreamCursor.of(stream, startMillis, settings.initialWindowMillis(), endMillis);
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
