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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

/**
 * Receives what a {@link KinesisVideoFragmentClient} does, for metrics. Called on the thread that
 * made the call; implementations must be cheap.
 */
@Internal
public interface ClientListener {

    /** Does nothing. */
    ClientListener NO_OP = new ClientListener() {};

    /** A request was sent (every attempt counts, retries included). */
    default void requestSent(String operation, StreamRef stream) {}

    /** The service answered {@code ClientLimitExceededException}. */
    default void throttled(String operation, StreamRef stream) {}

    /** An attempt failed and will be retried. */
    default void retried(String operation, StreamRef stream, String reason) {}

    /** A listener that tells this one, then {@code next}, of everything. */
    default ClientListener andThen(ClientListener next) {
        ClientListener first = this;
        return new ClientListener() {
            @Override
            public void requestSent(String operation, StreamRef stream) {
                first.requestSent(operation, stream);
                next.requestSent(operation, stream);
            }

            @Override
            public void throttled(String operation, StreamRef stream) {
                first.throttled(operation, stream);
                next.throttled(operation, stream);
            }

            @Override
            public void retried(String operation, StreamRef stream, String reason) {
                first.retried(operation, stream, reason);
                next.retried(operation, stream, reason);
            }
        };
    }
}
