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

import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns about late fragments (listable only after their time was settled, so not emitted) at most
 * once a minute, with the count since the last warning: a producer with a bad clock must not flood
 * the log, and must not go unnoticed either.
 *
 * <p>Not thread-safe: used by the fetcher thread only.
 */
@Internal
final class LateFragmentsLog {

    private static final Logger LOG = LoggerFactory.getLogger(LateFragmentsLog.class);

    private static final long INTERVAL_NANOS = 60_000_000_000L;

    private long unreported;
    private long lastWarningNanos;
    private boolean warned;

    /**
     * Records {@code count} late fragments found in {@code split}; warns if a minute has passed.
     */
    void found(FragmentWindowSplit split, long count) {
        unreported += count;
        long now = System.nanoTime();
        if (!warned || now - lastWarningNanos >= INTERVAL_NANOS) {
            LOG.warn(
                    "{} fragment(s) became listable only after their time was settled (latest in"
                            + " {}, selected by {}) and were NOT emitted: they arrived later than"
                            + " source.tail.consistency-lag (and, for producer timestamps,"
                            + " source.tail.allowed-lateness) allow. Counted in the lateFragments"
                            + " metric; raise those options if this recurs.",
                    unreported,
                    split.stream(),
                    split.selector());
            unreported = 0;
            lastWarningNanos = now;
            warned = true;
        }
    }
}
