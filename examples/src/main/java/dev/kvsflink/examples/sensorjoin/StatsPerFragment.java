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

package dev.kvsflink.examples.sensorjoin;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Adds up, per fragment (the key), the fragment's empty statistics and those of each joined
 * reading, and emits the sum once the watermark has passed the fragment's last millisecond: by then
 * every reading inside the fragment has been joined, since neither input has late records. The
 * empty statistics make fragments without readings part of the result (a left outer join).
 */
final class StatsPerFragment extends KeyedProcessFunction<String, FragmentStats, FragmentStats> {
    private static final long serialVersionUID = 1L;

    private transient ValueState<FragmentStats> sofar;

    @Override
    public void open(OpenContext openContext) {
        sofar =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "stats", TypeInformation.of(FragmentStats.class)));
    }

    @Override
    public void processElement(FragmentStats stats, Context context, Collector<FragmentStats> out)
            throws Exception {
        FragmentStats previous = sofar.value();
        if (previous == null) {
            long lastMillis = stats.startMillis() + Math.max(stats.lengthMillis(), 1) - 1;
            context.timerService().registerEventTimeTimer(lastMillis);
            sofar.update(stats);
        } else {
            sofar.update(previous.merge(stats));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<FragmentStats> out)
            throws Exception {
        out.collect(sofar.value());
        sofar.clear();
    }

    /** The key: one fragment of one stream. */
    static String key(FragmentStats stats) {
        return stats.stream() + "/" + stats.fragmentNumber();
    }
}
