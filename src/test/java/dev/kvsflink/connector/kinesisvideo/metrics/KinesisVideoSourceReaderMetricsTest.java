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

package dev.kvsflink.connector.kinesisvideo.metrics;

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.TestMetrics;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KinesisVideoSourceReaderMetricsTest {

    private final TestMetrics testMetrics = new TestMetrics();
    private final KinesisVideoSourceReaderMetrics metrics = testMetrics.metrics();

    @Test
    void countsThrottledCallsReportedByTheClient() {
        metrics.clientListener().throttled("ListFragments", StreamRef.ofName("cam-1"));
        metrics.clientListener().requestSent("ListFragments", StreamRef.ofName("cam-1"));
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.THROTTLED_CALLS))
                .isEqualTo(1);
    }

    @Test
    void pendingRecordsAreListedMinusEmitted() {
        metrics.windowListed(10, 7);
        metrics.recordEmitted(5);
        assertThat(testMetrics.gauge("pendingRecords")).isEqualTo(6L);
    }

    @Test
    void fetchLagIsTheLastEmittedRecordsLag() {
        metrics.windowListed(2, 2);
        metrics.recordEmitted(1_000);
        metrics.recordEmitted(400);
        assertThat(testMetrics.gauge(KinesisVideoSourceReaderMetrics.CURRENT_FETCH_EVENT_TIME_LAG))
                .isEqualTo(400L);
    }

    @Test
    void countsCompletedWindows() {
        metrics.windowCompleted();
        metrics.windowCompleted();
        assertThat(testMetrics.counter(KinesisVideoSourceReaderMetrics.WINDOWS_COMPLETED))
                .isEqualTo(2);
    }
}
