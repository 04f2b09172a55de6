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

package dev.kvsflink.benchmarks;

import org.apache.flink.api.common.functions.MapFunction;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

/**
 * Adds every fragment to {@link Tally#SINK} on its way to a discarding sink. A map rather than a
 * sink of its own: {@code MapFunction} is the same in Flink 1.20 and 2.x, the sink interfaces are
 * not.
 */
final class CountingMap implements MapFunction<KinesisVideoFragment, KinesisVideoFragment> {

    private static final long serialVersionUID = 1L;

    @Override
    public KinesisVideoFragment map(KinesisVideoFragment fragment) {
        Tally.SINK.add(fragment.streamName(), fragment.fragmentNumber());
        return fragment;
    }
}
