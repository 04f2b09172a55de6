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

/**
 * The {@code FragmentSelectorType} of a {@code ListFragments} call: which timestamp of a fragment a
 * range is matched against. Spelled as on the wire.
 */
public enum SelectorType {
    /** The fragment's start on the producer's (camera's) clock: may be skewed or jump. */
    PRODUCER_TIMESTAMP,
    /** The fragment's start on the service's clock: grows with ingestion order. */
    SERVER_TIMESTAMP
}
