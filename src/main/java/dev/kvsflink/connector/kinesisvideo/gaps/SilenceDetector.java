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

package dev.kvsflink.connector.kinesisvideo.gaps;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import javax.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Emits a {@link SilenceAlert} per stream when a camera has sent no fragment for longer than a
 * threshold ({@code SILENT}), and one when it sends a fragment again ({@code RESUMED}): the gaps of
 * {@link StreamCoverage}, as a stream.
 *
 * <pre>{@code
 * DataStream<KinesisVideoFragment> fragments =
 *     env.fromSource(source, WatermarkStrategy.forMonotonousTimestamps(), "kvs");
 * DataStream<SilenceAlert> alerts =
 *     SilenceDetector.detect(fragments, FragmentSelectorType.SERVER_TIMESTAMP, Duration.ofMinutes(1))
 *         .uid("silence-alerts");
 * }</pre>
 *
 * <p><b>Event time.</b> Fragments of one stream can arrive out of order (a backfill reads a
 * stream's windows in parallel), so each fragment waits in keyed state until the watermark passes
 * its start; fragments are then applied in timestamp order, which the source's exact watermarks
 * make complete. A {@code SILENT} alert fires on an event-time timer at the end of the stream's
 * coverage plus the threshold: once the watermark reaches it no fragment starts at or before it, so
 * the alert is never false. Tailing, the source's watermark follows the settled time even while a
 * stream is silent, so the alert fires about {@code source.tail.consistency-lag} + threshold (+ one
 * poll interval) after the silence began, and {@code RESUMED} about one lag after the camera's next
 * fragment. Every gap gives exactly one {@code SILENT} and one {@code RESUMED} alert, with the same
 * times however the watermark moves. A silence still open when a bounded input ends is not reported
 * (the input ended, not the camera's recording).
 *
 * <p>The input must be the source's fragments with its watermarks ({@code
 * forMonotonousTimestamps()}, no idleness), and {@code selector} the source's. Coverage, waiting
 * fragments and timers are keyed state, so the alerts are exact across a restore from a checkpoint
 * or savepoint.
 */
@PublicEvolving
public final class SilenceDetector
        extends KeyedProcessFunction<String, KinesisVideoFragment, SilenceAlert> {
    private static final long serialVersionUID = 1L;

    private final FragmentSelectorType selector;
    private final long thresholdMillis;

    private transient ValueState<StreamCoverage> coverage;

    /**
     * Fragments the watermark has not passed yet: start to the latest end of those starting there.
     */
    private transient MapState<Long, Long> waiting;

    /**
     * A detector of silences longer than {@code threshold} (at least 1 ms), by the timestamp that
     * {@code selector} picks.
     */
    public SilenceDetector(FragmentSelectorType selector, Duration threshold) {
        this.selector = checkNotNull(selector, "selector must not be null");
        checkNotNull(threshold, "threshold must not be null");
        checkArgument(
                threshold.toMillis() >= 1,
                "The silence threshold must be at least 1 ms, was %s",
                threshold);
        this.thresholdMillis = threshold.toMillis();
    }

    /** Keys {@code fragments} by stream name and detects silences longer than {@code threshold}. */
    public static SingleOutputStreamOperator<SilenceAlert> detect(
            DataStream<KinesisVideoFragment> fragments,
            FragmentSelectorType selector,
            Duration threshold) {
        return fragments
                .keyBy(new ByStreamName())
                .process(new SilenceDetector(selector, threshold))
                .returns(TypeInformation.of(SilenceAlert.class))
                .name("Silence alerts");
    }

    @Override
    public void open(OpenContext openContext) {
        coverage =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "coverage", TypeInformation.of(StreamCoverage.class)));
        waiting =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("waiting", Types.LONG, Types.LONG));
    }

    @Override
    public void processElement(
            KinesisVideoFragment fragment, Context ctx, Collector<SilenceAlert> out)
            throws Exception {
        long start = fragment.timestamp(selector).toEpochMilli();
        long end = start + fragment.fragmentLengthInMilliseconds();
        Long waitingEnd = waiting.get(start);
        waiting.put(start, waitingEnd == null ? end : Math.max(waitingEnd, end));
        ctx.timerService().registerEventTimeTimer(start);
    }

    /**
     * One timer per time: the start of waiting fragments, a silence deadline, or both (fragments
     * first: one starting exactly at the deadline ends no gap). Timers of deadlines that coverage
     * moved past are not deleted (a fragment may wait on the same time) but ignored here.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SilenceAlert> out)
            throws Exception {
        String stream = ctx.getCurrentKey();
        StreamCoverage current = coverage.value();
        Long end = waiting.get(timestamp);
        if (end != null) {
            waiting.remove(timestamp);
            current = apply(stream, current, timestamp, end - timestamp, out);
            ctx.timerService()
                    .registerEventTimeTimer(current.silenceCertainAtMillis(thresholdMillis));
        }
        if (current != null
                && !current.silenceReported()
                && timestamp == current.silenceCertainAtMillis(thresholdMillis)
                && ctx.timerService().currentWatermark() != Long.MAX_VALUE) {
            // At the end of a bounded input the input ended, not the camera's recording.
            out.collect(
                    SilenceAlert.silent(
                            stream, Instant.ofEpochMilli(current.coveredUntilMillis())));
            current = current.withSilenceReported();
        }
        if (current != null) {
            coverage.update(current);
        }
    }

    /** The coverage after the next fragment, alerting the gap it ends. */
    private StreamCoverage apply(
            String stream,
            @Nullable StreamCoverage before,
            long start,
            long length,
            Collector<SilenceAlert> out) {
        if (before == null) {
            return StreamCoverage.of(start, length);
        }
        if (before.isGapBefore(start, thresholdMillis)) {
            Instant since = Instant.ofEpochMilli(before.coveredUntilMillis());
            if (!before.silenceReported()) {
                out.collect(SilenceAlert.silent(stream, since));
            }
            out.collect(SilenceAlert.resumed(stream, since, Instant.ofEpochMilli(start)));
        }
        return before.plus(start, length);
    }

    /** The stream name of a fragment, as the key of its coverage. */
    private static final class ByStreamName implements KeySelector<KinesisVideoFragment, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String getKey(KinesisVideoFragment fragment) {
            return fragment.streamName();
        }
    }
}
