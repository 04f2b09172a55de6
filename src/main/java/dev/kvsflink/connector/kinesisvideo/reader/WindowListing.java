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

import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * One listing in progress of a time range of a window: the fragments of the pages received so far,
 * without duplicates, and the token of the next page. Lives only in the split reader's memory:
 * tokens never reach a checkpoint.
 *
 * <p>The range is half-open, {@code [from, until)}, and requested as {@code [from, until - 1 ms]}:
 * the API's range is inclusive at both ends and timestamps have millisecond precision, so a
 * fragment exactly on a window edge is listed only by the window that starts there. Fragments are
 * also filtered to the range on arrival, in case a service rounds differently.
 *
 * <p>Not thread-safe: used by the fetcher thread only.
 */
@Internal
final class WindowListing {

    private final FragmentWindowSplit split;
    private final long fromMillis;
    private final long untilMillis;
    private final Map<String, KinesisVideoFragment> byNumber = new HashMap<>();
    private final boolean cutShort;
    private final int maxFragments;
    @Nullable private String nextToken;
    private boolean complete;
    private boolean overflowed;

    /**
     * @param cutShort whether the range ends before what could be settled now, to bound the listing
     * @param maxFragments the most distinct fragments the listing may hold
     */
    WindowListing(
            FragmentWindowSplit split,
            long fromMillis,
            long untilMillis,
            boolean cutShort,
            int maxFragments) {
        this.split = split;
        this.fromMillis = fromMillis;
        this.untilMillis = untilMillis;
        this.cutShort = cutShort;
        this.maxFragments = maxFragments;
    }

    FragmentWindowSplit split() {
        return split;
    }

    /** The range's exclusive end. */
    long untilMillis() {
        return untilMillis;
    }

    /** Whether the range ends before what could be settled now, to bound the listing. */
    boolean cutShort() {
        return cutShort;
    }

    /** The request for the next page. */
    ListFragmentsRequest nextRequest(int maxResults) {
        return new ListFragmentsRequest(
                split.stream(),
                split.selector(),
                Instant.ofEpochMilli(fromMillis),
                Instant.ofEpochMilli(untilMillis - 1),
                maxResults,
                nextToken);
    }

    /** Whether the next request continues a listing with a token (rather than starting it). */
    boolean isContinuation() {
        return nextToken != null;
    }

    /**
     * Adds a page's fragments that belong to the range, ignoring ones already seen. One more than
     * {@code maxFragments} overflows the listing: it drops what it holds and cannot complete.
     */
    void accept(FragmentPage page) {
        for (KinesisVideoFragment fragment : page.fragments()) {
            long millis = fragment.timestamp(split.selector()).toEpochMilli();
            if (millis >= fromMillis
                    && millis < untilMillis
                    && !byNumber.containsKey(fragment.fragmentNumber())) {
                if (byNumber.size() == maxFragments) {
                    overflowed = true;
                    byNumber.clear();
                    return;
                }
                byNumber.put(fragment.fragmentNumber(), fragment);
            }
        }
        nextToken = page.nextToken();
        complete = nextToken == null;
    }

    /** Whether the range held more than {@code maxFragments}; see {@link #accept}. */
    boolean overflowed() {
        return overflowed;
    }

    boolean isComplete() {
        return complete;
    }

    /** The distinct fragments listed so far, in no particular order. */
    Collection<KinesisVideoFragment> fragments() {
        return byNumber.values();
    }
}
