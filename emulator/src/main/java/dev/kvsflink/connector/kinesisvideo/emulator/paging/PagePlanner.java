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

import dev.kvsflink.connector.kinesisvideo.emulator.store.Mix;

/**
 * Decides how many fragments a page holds: usually {@code MaxResults}, sometimes fewer, sometimes
 * none (while still carrying a {@code NextToken}), as the real service does.
 *
 * <p>The decision is a pure function of the emulator's seed and the listing's position, so a client
 * that resends the same token gets the same page again (in another order), and a seeded emulator
 * gives the same pages on every run.
 */
public final class PagePlanner {

    private static final long SALT_KIND = 21;
    private static final long SALT_SIZE = 22;

    private final long seed;
    private final double shortPageProbability;
    private final double emptyPageProbability;

    /**
     * @param shortPageProbability how likely a page holds fewer than MaxResults fragments
     * @param emptyPageProbability how likely a page holds none; the two add up to at most 1
     */
    public PagePlanner(long seed, double shortPageProbability, double emptyPageProbability) {
        if (shortPageProbability < 0
                || emptyPageProbability < 0
                || shortPageProbability + emptyPageProbability > 1) {
            throw new IllegalArgumentException(
                    "page probabilities must be >= 0 and add up to at most 1, were "
                            + shortPageProbability
                            + " and "
                            + emptyPageProbability);
        }
        this.seed = seed;
        this.shortPageProbability = shortPageProbability;
        this.emptyPageProbability = emptyPageProbability;
    }

    /** How many fragments the next page of {@code listing} will hold. */
    public int targetSize(PageToken listing, int maxResults) {
        // Keyed by page number, not offset: an empty page leaves the offset where it was.
        long key = Mix.hash(listing.permutationSeed(), listing.page(), 0);
        double u = Mix.unit(seed, key, SALT_KIND);
        if (u < emptyPageProbability) {
            return 0;
        }
        if (u < emptyPageProbability + shortPageProbability && maxResults > 1) {
            return 1 + (int) Mix.below(seed, key, SALT_SIZE, maxResults - 1);
        }
        return maxResults;
    }
}
