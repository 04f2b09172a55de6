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

package dev.kvsflink.connector.kinesisvideo.emulator.paging;

import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;

/**
 * The state of one listing, carried by its {@code NextToken}: which stream and selector made it,
 * the candidate index range fixed when the first page was asked for, the seed of the shuffled order
 * and how far into that order the listing has come.
 *
 * @param streamArn the ARN of the stream the listing reads
 * @param selector the selector's timestamp kind
 * @param startMs the selector's range start, inclusive, epoch ms
 * @param endMs the selector's range end, inclusive, epoch ms
 * @param lo the first candidate index
 * @param hi one past the last candidate index
 * @param permutationSeed the seed of the order in which candidates are handed out
 * @param offset how many candidates (matching or not) earlier pages consumed
 * @param page how many pages earlier requests of the listing answered
 * @param issuedAtMs when the token was issued, epoch ms on the emulator's clock
 */
public record PageToken(
        String streamArn,
        SelectorType selector,
        long startMs,
        long endMs,
        long lo,
        long hi,
        long permutationSeed,
        long offset,
        long page,
        long issuedAtMs) {

    /** The number of candidates. */
    public long candidates() {
        return hi - lo;
    }

    /** Whether every candidate has been handed out. */
    public boolean exhausted() {
        return offset >= candidates();
    }

    /** The next page's state: from candidate {@code newOffset}, issued at {@code nowMs}. */
    public PageToken advance(long newOffset, long nowMs) {
        return new PageToken(
                streamArn,
                selector,
                startMs,
                endMs,
                lo,
                hi,
                permutationSeed,
                newOffset,
                page + 1,
                nowMs);
    }

    /** Whether this listing was made with this selector and range. */
    public boolean sameSelector(SelectorType otherSelector, long otherStartMs, long otherEndMs) {
        return selector == otherSelector && startMs == otherStartMs && endMs == otherEndMs;
    }

    @Override
    public String toString() {
        return "PageToken{stream="
                + streamArn
                + ", offset="
                + offset
                + "/"
                + candidates()
                + ", page="
                + page
                + '}';
    }
}
