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

import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragment;

/** Counts each window's fragments as "stream windowStart count", to compare with ground truth. */
public final class CountPerWindow
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
