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

package dev.kvsflink.examples.fragmentindex;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.accumulators.LongMaximum;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.util.HashMap;
import java.util.Map;

/**
 * Passes fragments through and counts them in accumulators that the job's client polls for its
 * progress line: fragments in total, and per stream the latest selected timestamp reached.
 */
final class ProgressCounter extends RichMapFunction<KinesisVideoFragment, KinesisVideoFragment> {
    private static final long serialVersionUID = 1L;

    static final String FRAGMENTS = "fragments";
    static final String LATEST_PREFIX = "latest:";

    private final FragmentSelectorType selector;
    private transient LongCounter fragments;
    private transient Map<String, LongMaximum> latest;

    ProgressCounter(FragmentSelectorType selector) {
        this.selector = selector;
    }

    @Override
    public void open(OpenContext openContext) {
        fragments = new LongCounter();
        getRuntimeContext().addAccumulator(FRAGMENTS, fragments);
        latest = new HashMap<>();
    }

    @Override
    public KinesisVideoFragment map(KinesisVideoFragment fragment) {
        fragments.add(1L);
        latest.computeIfAbsent(
                        fragment.streamName(),
                        stream -> {
                            LongMaximum max = new LongMaximum();
                            getRuntimeContext().addAccumulator(LATEST_PREFIX + stream, max);
                            return max;
                        })
                .add(fragment.timestamp(selector).toEpochMilli());
        return fragment;
    }
}
