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

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;

import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;

/** Reader metrics registered on a {@link MetricListener}, so tests can read them back. */
public final class TestMetrics {

    private final MetricListener listener = new MetricListener();
    private final InternalSourceReaderMetricGroup group =
            InternalSourceReaderMetricGroup.mock(listener.getMetricGroup());
    private final KinesisVideoSourceReaderMetrics metrics =
            new KinesisVideoSourceReaderMetrics(group);

    public KinesisVideoSourceReaderMetrics metrics() {
        return metrics;
    }

    public InternalSourceReaderMetricGroup group() {
        return group;
    }

    /** The value of the counter {@code name}. */
    public long counter(String name) {
        return listener.getCounter(name).map(Counter::getCount).orElseThrow();
    }

    /** The value of the gauge {@code name}. */
    public Object gauge(String name) {
        return listener.getGauge(name).orElseThrow().getValue();
    }
}
