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

package dev.kvsflink.connector.kinesisvideo.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Builds the batch a finished listing hands to the task thread: the settled fragments in emission
 * order, then how far the window is settled, or, when the window is complete, how many fragments it
 * held, with the split marked finished. Counts what the listing found in the metrics and warns of
 * late fragments.
 *
 * <p>Not thread-safe: used by the fetcher thread only.
 */
@Internal
final class WindowHandOver {

    private static final Logger LOG = LoggerFactory.getLogger(WindowHandOver.class);

    private final KinesisVideoSourceReaderMetrics metrics;
    private final LateFragmentsLog lateFragmentsLog = new LateFragmentsLog();

    WindowHandOver(KinesisVideoSourceReaderMetrics metrics) {
        this.metrics = checkNotNull(metrics, "metrics must not be null");
    }

    /** The batch of {@code window}'s listing that ended in {@code settlement}. */
    RecordsWithSplitIds<FetchedElement> batch(HeldWindow window, Settlement settlement) {
        String splitId = window.splitId();
        if (settlement.late() > 0) {
            metrics.lateFragments(settlement.late());
            lateFragmentsLog.found(window.split(), settlement.late());
        }
        List<FetchedElement> elements = new ArrayList<>(settlement.toEmit().size() + 1);
        elements.addAll(settlement.toEmit());
        metrics.windowListed(settlement.settled() + settlement.late(), settlement.toEmit().size());
        Set<String> finished;
        if (settlement.complete()) {
            elements.add(new FetchedElement.Completed(window.settledFragments()));
            finished = Collections.singleton(splitId);
        } else {
            elements.add(new FetchedElement.Settled(settlement.settledUntilMillis()));
            finished = Collections.emptySet();
        }
        LOG.debug(
                "Listed {} up to {}: {} fragments to emit, {} late{}",
                window.split(),
                settlement.settledUntilMillis(),
                settlement.toEmit().size(),
                settlement.late(),
                settlement.complete() ? ", complete" : "");
        Map<String, Collection<FetchedElement>> records =
                Collections.singletonMap(splitId, elements);
        return new RecordsBySplits<>(records, finished);
    }

    /** A batch with nothing in it. */
    static RecordsWithSplitIds<FetchedElement> nothing() {
        return new RecordsBySplits<>(Collections.emptyMap(), Collections.emptySet());
    }
}
