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

import org.apache.flink.streaming.api.functions.co.ProcessJoinFunction;
import org.apache.flink.util.Collector;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

/**
 * The interval join's condition narrowed to each fragment's own length: the join's fixed bounds
 * pair a fragment with the readings up to the longest fragment length after its start, and this
 * keeps those before its own end, each as the statistics of one reading.
 */
final class ReadingInFragment
        extends ProcessJoinFunction<KinesisVideoFragment, SensorReading, FragmentStats> {
    private static final long serialVersionUID = 1L;

    private final FragmentSelectorType selector;

    ReadingInFragment(FragmentSelectorType selector) {
        this.selector = selector;
    }

    @Override
    public void processElement(
            KinesisVideoFragment fragment,
            SensorReading reading,
            Context context,
            Collector<FragmentStats> out) {
        FragmentStats empty = FragmentStats.of(fragment, selector);
        if (empty.covers(reading.timestampMillis())) {
            out.collect(empty.plus(reading.deciCelsius()));
        }
    }
}
