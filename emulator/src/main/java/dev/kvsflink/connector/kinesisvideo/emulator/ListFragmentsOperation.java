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

package dev.kvsflink.connector.kinesisvideo.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.FragmentLister;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.PagePlanner;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.PageToken;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.PageTokenCodec;
import dev.kvsflink.connector.kinesisvideo.emulator.store.Mix;
import dev.kvsflink.connector.kinesisvideo.emulator.store.StreamRegistry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * {@code ListFragments} with the service's semantics: the range is inclusive at both ends on the
 * fragment's start timestamp of the selected kind; results come in no order, differently on every
 * request; pages may be short or empty yet carry a {@code NextToken}; a token is bound to the
 * stream and selector that made it and may expire.
 *
 * <p>The first page fixes the listing: the candidate indices among the fragments visible then, and
 * a random order over them (a seed for {@link
 * dev.kvsflink.connector.kinesisvideo.emulator.paging.IndexPermutation}). The token carries both,
 * so pages never overlap, miss nothing, and nothing is materialized beyond one page.
 */
final class ListFragmentsOperation implements ApiHandler.OperationHandler {

    static final int DEFAULT_MAX_RESULTS = 100;
    private static final Pattern NEXT_TOKEN = Pattern.compile("[a-zA-Z0-9+/]+={0,2}");

    private final ServiceContext context;
    private final PageTokenCodec tokens;
    private final PagePlanner planner;
    private final Duration tokenTtl;
    private final long seed;

    /** Numbers requests, so every request draws its own order even when the seed is fixed. */
    private final AtomicLong requestSequence = new AtomicLong();

    ListFragmentsOperation(
            ServiceContext context,
            PageTokenCodec tokens,
            PagePlanner planner,
            Duration tokenTtl,
            long seed) {
        this.context = context;
        this.tokens = tokens;
        this.planner = planner;
        this.tokenTtl = tokenTtl;
        this.seed = seed;
    }

    @Override
    public byte[] handle(JsonNode body) {
        RequestFields fields = RequestFields.of(body);
        int maxResults = fields.optionalInt("MaxResults", 1, 1000, DEFAULT_MAX_RESULTS);
        String nextToken = fields.optionalString("NextToken", 1, 4096, NEXT_TOKEN);
        Selector selector = Selector.parse(fields.optionalObject("FragmentSelector"));
        if (selector == null && nextToken == null) {
            throw ApiException.invalidArgument(
                    "1 validation error detected: Value null at 'FragmentSelector' failed to"
                            + " satisfy constraint: FragmentSelector is required unless NextToken"
                            + " is given");
        }
        StreamRegistry.Stream stream = StreamAddress.resolve(fields, context.registry());
        context.admit(Operation.LIST_FRAGMENTS, stream);

        long nowMs = context.clock().millis();
        long request = requestSequence.incrementAndGet();
        PageToken listing =
                nextToken != null
                        ? continued(nextToken, stream, selector, nowMs)
                        : started(stream, selector, nowMs, request);
        FragmentLister.Page page =
                FragmentLister.walk(
                        stream.store(), listing, planner.targetSize(listing, maxResults));
        List<EmulatedFragment> fragments = new ArrayList<>(page.fragments());
        // The walk's order is fixed by the token; shuffle again so a resent token differs too.
        Collections.shuffle(fragments, new Random(Mix.hash(seed, request, 0x5AFE)));
        String next =
                page.nextOffset() < listing.candidates()
                        ? tokens.encode(listing.advance(page.nextOffset(), nowMs))
                        : null;
        context.counters().pageServed(stream.name(), fragments.size());
        return JsonBodies.fragmentPage(fragments, next);
    }

    private PageToken started(
            StreamRegistry.Stream stream, Selector selector, long nowMs, long request) {
        long visible = stream.store().visibleCount(Instant.ofEpochMilli(nowMs));
        long[] range =
                FragmentLister.candidateRange(
                        stream.store(),
                        selector.type(),
                        selector.startMs(),
                        selector.endMs(),
                        visible);
        return new PageToken(
                stream.arn(),
                selector.type(),
                selector.startMs(),
                selector.endMs(),
                range[0],
                range[1],
                Mix.hash(seed, request, 0x0BDE),
                0,
                0,
                nowMs);
    }

    private PageToken continued(
            String nextToken, StreamRegistry.Stream stream, Selector selector, long nowMs) {
        PageToken token =
                tokens.decode(nextToken)
                        .orElseThrow(() -> ApiException.invalidArgument("NextToken is invalid"));
        if (!token.streamArn().equals(stream.arn())) {
            throw ApiException.invalidArgument(
                    "NextToken was issued for another stream than " + stream.name());
        }
        if (selector != null
                && !token.sameSelector(selector.type(), selector.startMs(), selector.endMs())) {
            throw ApiException.invalidArgument(
                    "FragmentSelector does not match the one the NextToken was issued for");
        }
        if (tokenTtl != null && nowMs - token.issuedAtMs() > tokenTtl.toMillis()) {
            throw ApiException.invalidArgument(
                    "NextToken has expired: it was issued more than " + tokenTtl + " ago");
        }
        return token;
    }

    /** A parsed {@code FragmentSelector}. */
    private record Selector(SelectorType type, long startMs, long endMs) {

        static Selector parse(RequestFields selector) {
            if (selector == null) {
                return null;
            }
            SelectorType type =
                    SelectorType.valueOf(
                            selector.requiredEnum(
                                    "FragmentSelectorType",
                                    SelectorType.PRODUCER_TIMESTAMP.name(),
                                    SelectorType.SERVER_TIMESTAMP.name()));
            RequestFields range = selector.requiredObject("TimestampRange");
            long start = range.requiredTimestampMillis("StartTimestamp");
            long end = range.requiredTimestampMillis("EndTimestamp");
            if (start > end) {
                throw ApiException.invalidArgument(
                        "1 validation error detected: "
                                + range.name("StartTimestamp")
                                + " must be before or equal to "
                                + range.name("EndTimestamp"));
            }
            return new Selector(type, start, end);
        }
    }
}
