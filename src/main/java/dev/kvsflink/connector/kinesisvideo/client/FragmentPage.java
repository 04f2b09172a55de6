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

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import javax.annotation.Nullable;

import java.util.List;

/**
 * One page of a {@code ListFragments} answer: fragments in no particular order, and the token of
 * the next page ({@code null} on the last page). A page may be short, or empty, and still carry a
 * token.
 *
 * <p>{@link #toString()} never shows the token.
 */
@Internal
public record FragmentPage(List<KinesisVideoFragment> fragments, @Nullable String nextToken) {

    public FragmentPage {
        fragments = List.copyOf(fragments);
    }

    /** Whether another page follows. */
    public boolean hasNextPage() {
        return nextToken != null;
    }

    @Override
    public String toString() {
        return "FragmentPage{fragments="
                + fragments.size()
                + ", nextToken="
                + (nextToken == null ? "none" : "<redacted>")
                + '}';
    }
}
