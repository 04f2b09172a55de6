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

/**
 * Holds a call back until it may be sent: how a reader paces the calls a client makes on its
 * behalf, such as {@code GetDataEndpoint}, whose quota the whole account shares.
 */
@Internal
@FunctionalInterface
public interface RequestGate {

    /** Lets every call through at once. */
    RequestGate OPEN = () -> {};

    /**
     * Waits until the next call may be sent, and counts it as sent.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    void awaitTurn() throws InterruptedException;
}
