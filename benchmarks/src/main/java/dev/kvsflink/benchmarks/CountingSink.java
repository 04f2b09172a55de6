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

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragment;

/** The benchmark job's sink: adds every fragment to {@link Tally#SINK}, and keeps nothing. */
final class CountingSink implements Sink<KinesisVideoFragment> {

    private static final long serialVersionUID = 1L;

    @Override
    public SinkWriter<KinesisVideoFragment> createWriter(WriterInitContext context) {
        return new SinkWriter<>() {
            @Override
            public void write(KinesisVideoFragment fragment, Context context) {
                Tally.SINK.add(fragment.streamName(), fragment.fragmentNumber());
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
