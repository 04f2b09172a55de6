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

package dev.kvsflink.connector.kinesisvideo.testutils;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link ReaderOutput} that records, in one timeline, every record (with its timestamp and split
 * output) and every watermark emitted on a split output.
 */
public final class RecordingReaderOutput<T> implements ReaderOutput<T> {

    /** What happened on an output. */
    public enum Kind {
        RECORD,
        WATERMARK,
        CREATED,
        RELEASED
    }

    /** One record, watermark, or output creation or release, in order. */
    public record Event<T>(Kind kind, String outputId, T record, long timestamp) {
        public boolean isWatermark() {
            return kind == Kind.WATERMARK;
        }

        public boolean isRecord() {
            return kind == Kind.RECORD;
        }
    }

    private final List<Event<T>> events = new ArrayList<>();
    private final Map<String, SourceOutput<T>> splitOutputs = new LinkedHashMap<>();
    private final List<String> released = new ArrayList<>();

    @Override
    public void collect(T record) {
        events.add(new Event<>(Kind.RECORD, "main", record, Long.MIN_VALUE));
    }

    @Override
    public void collect(T record, long timestamp) {
        events.add(new Event<>(Kind.RECORD, "main", record, timestamp));
    }

    @Override
    public void emitWatermark(Watermark watermark) {
        events.add(new Event<>(Kind.WATERMARK, "main", null, watermark.getTimestamp()));
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}

    @Override
    public SourceOutput<T> createOutputForSplit(String splitId) {
        return splitOutputs.computeIfAbsent(
                splitId,
                id -> {
                    events.add(new Event<>(Kind.CREATED, id, null, Long.MIN_VALUE));
                    return new SplitOutput(id);
                });
    }

    @Override
    public void releaseOutputForSplit(String splitId) {
        splitOutputs.remove(splitId);
        released.add(splitId);
        events.add(new Event<>(Kind.RELEASED, splitId, null, Long.MIN_VALUE));
    }

    public List<Event<T>> events() {
        return events;
    }

    /** The records, in emission order. */
    public List<T> records() {
        List<T> records = new ArrayList<>();
        events.stream().filter(Event::isRecord).forEach(e -> records.add(e.record()));
        return records;
    }

    /** The watermarks emitted on the output {@code outputId}, in order. */
    public List<Long> watermarksOf(String outputId) {
        List<Long> watermarks = new ArrayList<>();
        events.stream()
                .filter(e -> e.isWatermark() && e.outputId().equals(outputId))
                .forEach(e -> watermarks.add(e.timestamp()));
        return watermarks;
    }

    public List<String> released() {
        return released;
    }

    private final class SplitOutput implements SourceOutput<T> {
        private final String id;

        SplitOutput(String id) {
            this.id = id;
        }

        @Override
        public void collect(T record) {
            events.add(new Event<>(Kind.RECORD, id, record, Long.MIN_VALUE));
        }

        @Override
        public void collect(T record, long timestamp) {
            events.add(new Event<>(Kind.RECORD, id, record, timestamp));
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            events.add(new Event<>(Kind.WATERMARK, id, null, watermark.getTimestamp()));
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    }
}
