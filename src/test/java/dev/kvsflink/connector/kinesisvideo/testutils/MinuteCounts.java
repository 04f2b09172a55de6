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

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fragments counted per stream and event-time minute, as lines "stream windowStart count": by a
 * Flink job (with a line "late &lt;fragment number&gt;" for every record dropped as late), and
 * offline from ground truth, so the two can be compared.
 */
public final class MinuteCounts {

    private MinuteCounts() {}

    /** Runs the job: 1-minute tumbling event-time counts per stream, plus the late records. */
    public static List<String> ofJob(DataStream<KinesisVideoFragment> fragments) throws Exception {
        OutputTag<KinesisVideoFragment> late = new OutputTag<>("late") {};
        SingleOutputStreamOperator<String> counts =
                fragments
                        .keyBy(KinesisVideoFragment::streamName)
                        .window(TumblingEventTimeWindows.of(Duration.ofMinutes(1)))
                        .sideOutputLateData(late)
                        .process(new CountPerWindow());
        DataStream<String> lateRecords =
                counts.getSideOutput(late).map(f -> "late " + f.fragmentNumber());
        List<String> result = new ArrayList<>();
        counts.union(lateRecords).executeAndCollect().forEachRemaining(result::add);
        return result;
    }

    /** The same lines computed offline from {@code fragments}. */
    public static List<String> expected(
            List<KinesisVideoFragment> fragments, FragmentSelectorType selector) {
        Map<String, Integer> counts = new TreeMap<>();
        for (KinesisVideoFragment f : fragments) {
            long minute = f.timestamp(selector).toEpochMilli() / 60_000 * 60_000;
            counts.merge(f.streamName() + " " + minute, 1, Integer::sum);
        }
        List<String> lines = new ArrayList<>();
        counts.forEach((key, count) -> lines.add(key + " " + count));
        return lines;
    }

    /** Counts each window's fragments. */
    private static final class CountPerWindow
            extends ProcessWindowFunction<KinesisVideoFragment, String, String, TimeWindow> {
        private static final long serialVersionUID = 1L;

        @Override
        public void process(
                String stream,
                Context context,
                Iterable<KinesisVideoFragment> fragments,
                Collector<String> out) {
            int count = 0;
            for (KinesisVideoFragment ignored : fragments) {
                count++;
            }
            out.collect(stream + " " + context.window().getStart() + " " + count);
        }
    }
}
