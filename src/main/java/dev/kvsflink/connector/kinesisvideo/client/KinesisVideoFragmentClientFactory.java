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

import java.io.Serializable;

/**
 * Creates the client a reader uses, one per reader, shared by its fetcher threads. Part of the
 * serializable source, so it holds configuration only, never a live client.
 */
@Internal
@FunctionalInterface
public interface KinesisVideoFragmentClientFactory extends Serializable {

    /**
     * A new client that reports what it does to {@code listener} and sends each {@code
     * GetDataEndpoint} call when {@code dataEndpointGate} lets it through.
     */
    KinesisVideoFragmentClient create(ClientListener listener, RequestGate dataEndpointGate);

    /** A new client that reports what it does to {@code listener}, its calls not held back. */
    default KinesisVideoFragmentClient create(ClientListener listener) {
        return create(listener, RequestGate.OPEN);
    }
}
