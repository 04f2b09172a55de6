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

package dev.kvsflink.connector.kinesisvideo.model;

import org.apache.flink.annotation.PublicEvolving;

import java.time.Instant;

/**
 * Which timestamp of a fragment the source selects, orders and watermarks by: the same two choices
 * as the {@code FragmentSelectorType} of the {@code ListFragments} API.
 */
@PublicEvolving
public enum FragmentSelectorType {
    /** The timestamp from the producer's (camera's) clock: may be skewed or jump. */
    PRODUCER_TIMESTAMP,
    /** The timestamp at which the service received the fragment. */
    SERVER_TIMESTAMP;

    /** The timestamp of {@code fragment} that this selector picks. */
    public Instant timestampOf(KinesisVideoFragment fragment) {
        return this == PRODUCER_TIMESTAMP
                ? fragment.producerTimestamp()
                : fragment.serverTimestamp();
    }
}
