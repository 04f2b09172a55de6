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

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory {@code ListFragments}: matches the request's inclusive range on the selected
 * timestamp (ms), returns the matches shuffled across pages of at most {@code maxResults} (or
 * {@link #pageSize}), with optional empty pages carrying tokens, duplicated fragments, tokens that
 * expire once, and a call that blocks until interrupted. Records every request.
 *
 * <p>Thread-safe enough for one reader: {@code listFragments} is synchronized except the blocking
 * wait.
 */
public final class FakeFragmentClient implements KinesisVideoFragmentClient {

    private final Map<String, List<KinesisVideoFragment>> fragmentsByStream;
    private final ClientListener listener;
    private final Map<String, List<FragmentPage>> listings = new HashMap<>();
    private final List<ListFragmentsRequest> requests =
            Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger listingIds = new AtomicInteger();
    private final Random random;

    private int pageSize = Integer.MAX_VALUE;
    private boolean emptyPageAfterEachPage;
    private boolean duplicateFirstFragment;
    private int tokensToExpire;
    private volatile CountDownLatch blockNextCall;
    private volatile boolean leaveInterruptSet;
    private volatile CountDownLatch blockingCallEntered = new CountDownLatch(1);
    private boolean closed;

    public FakeFragmentClient(Collection<KinesisVideoFragment> fragments, ClientListener listener) {
        this(fragments, listener, 42);
    }

    public FakeFragmentClient(
            Collection<KinesisVideoFragment> fragments, ClientListener listener, long seed) {
        this.fragmentsByStream = new HashMap<>();
        for (KinesisVideoFragment f : fragments) {
            String key = f.streamArn() != null ? f.streamArn() : f.streamName();
            fragmentsByStream.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
        }
        this.listener = listener;
        this.random = new Random(seed);
    }

    /** Pages hold at most this many fragments, even when MaxResults allows more. */
    public FakeFragmentClient pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** Inserts an empty page, with a token, after every page but the last. */
    public FakeFragmentClient emptyPageAfterEachPage() {
        this.emptyPageAfterEachPage = true;
        return this;
    }

    /** Lists the first matching fragment twice, on two pages. */
    public FakeFragmentClient duplicateFirstFragment() {
        this.duplicateFirstFragment = true;
        return this;
    }

    /** The next {@code n} requests that carry a token are rejected as expired. */
    public FakeFragmentClient expireTokens(int n) {
        this.tokensToExpire = n;
        return this;
    }

    /** The next call blocks until interrupted or {@code release} counts down. */
    public CountDownLatch blockNextCall() {
        blockingCallEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        blockNextCall = release;
        return release;
    }

    /**
     * A blocked call that is interrupted sets the thread's interrupt flag again before it throws,
     * as a client that leaves the interrupt visible to its caller does.
     */
    public FakeFragmentClient leavingTheInterruptSet() {
        this.leaveInterruptSet = true;
        return this;
    }

    /** Waits until a blocked call has started. */
    public void awaitBlockedCall() throws InterruptedException {
        blockingCallEntered.await();
    }

    @Override
    public FragmentPage listFragments(ListFragmentsRequest request) throws InterruptedException {
        requests.add(request);
        listener.requestSent("ListFragments", request.stream());
        CountDownLatch block = blockNextCall;
        if (block != null) {
            blockNextCall = null;
            blockingCallEntered.countDown();
            try {
                block.await();
            } catch (InterruptedException e) {
                if (leaveInterruptSet) {
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
        }
        return answer(request);
    }

    private synchronized FragmentPage answer(ListFragmentsRequest request) {
        if (request.nextToken() != null) {
            if (tokensToExpire > 0) {
                tokensToExpire--;
                throw new KinesisVideoServiceException(
                        "ListFragments",
                        request.stream().id(),
                        "InvalidArgumentException",
                        "NextToken has expired",
                        "req-1",
                        400,
                        null);
            }
            String[] parts = request.nextToken().split("p");
            List<FragmentPage> pages = listings.get(parts[0]);
            return pages.get(Integer.parseInt(parts[1]));
        }
        List<KinesisVideoFragment> matches = new ArrayList<>();
        for (KinesisVideoFragment f :
                fragmentsByStream.getOrDefault(request.stream().id(), List.of())) {
            long ts = request.selector().timestampOf(f).toEpochMilli();
            if (ts >= request.startInclusive().toEpochMilli()
                    && ts <= request.endInclusive().toEpochMilli()) {
                matches.add(f);
            }
        }
        Collections.shuffle(matches, random);
        if (duplicateFirstFragment && !matches.isEmpty()) {
            matches.add(matches.get(0));
        }
        String listingId = "L" + listingIds.incrementAndGet();
        int size = Math.min(pageSize, request.maxResults());
        List<List<KinesisVideoFragment>> chunks = new ArrayList<>();
        for (int i = 0; i < matches.size(); i += size) {
            chunks.add(matches.subList(i, Math.min(matches.size(), i + size)));
            if (emptyPageAfterEachPage && i + size < matches.size()) {
                chunks.add(List.of());
            }
        }
        if (chunks.isEmpty()) {
            chunks.add(List.of());
        }
        List<FragmentPage> pages = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String token = i + 1 < chunks.size() ? listingId + "p" + (i + 1) : null;
            pages.add(new FragmentPage(chunks.get(i), token));
        }
        listings.put(listingId, pages);
        return pages.get(0);
    }

    public List<ListFragmentsRequest> requests() {
        return new ArrayList<>(requests);
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
