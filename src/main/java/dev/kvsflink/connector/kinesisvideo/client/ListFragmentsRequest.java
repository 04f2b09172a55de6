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

package dev.kvsflink.connector.kinesisvideo.client;

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;

/**
 * One {@code ListFragments} call: a stream, a selector, a timestamp range <b>inclusive at both
 * ends</b> (as the API defines it) and, after the first page, the token of the next page.
 *
 * <p>{@link #toString()} never shows the token: tokens are secrets as far as logs are concerned.
 */
@Internal
public record ListFragmentsRequest(
        StreamRef stream,
        FragmentSelectorType selector,
        Instant startInclusive,
        Instant endInclusive,
        int maxResults,
        @Nullable String nextToken) {

    public ListFragmentsRequest {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(startInclusive, "startInclusive");
        Objects.requireNonNull(endInclusive, "endInclusive");
        if (endInclusive.isBefore(startInclusive)) {
            throw new IllegalArgumentException(
                    "endInclusive " + endInclusive + " is before startInclusive " + startInclusive);
        }
        if (maxResults < 1 || maxResults > 1000) {
            throw new IllegalArgumentException("maxResults must be 1..1000, was " + maxResults);
        }
    }

    /** The same call for the page behind {@code token}. */
    public ListFragmentsRequest withNextToken(@Nullable String token) {
        return new ListFragmentsRequest(
                stream, selector, startInclusive, endInclusive, maxResults, token);
    }

    @Override
    public String toString() {
        return "ListFragmentsRequest{stream="
                + stream
                + ", selector="
                + selector
                + ", range=["
                + startInclusive
                + ", "
                + endInclusive
                + "], maxResults="
                + maxResults
                + ", nextToken="
                + (nextToken == null ? "none" : "<redacted>")
                + '}';
    }
}
