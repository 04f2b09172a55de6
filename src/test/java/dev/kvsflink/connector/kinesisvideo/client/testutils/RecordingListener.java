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

package dev.kvsflink.connector.kinesisvideo.client.testutils;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;

/** A {@link ClientListener} that records every event as {@code "event operation stream"}. */
public final class RecordingListener implements ClientListener {

    private final List<String> events = new CopyOnWriteArrayList<>();
    private final List<String> retryReasons = new CopyOnWriteArrayList<>();
    private final Semaphore retries = new Semaphore(0);

    @Override
    public void requestSent(String operation, StreamRef stream) {
        events.add("sent " + operation + " " + stream.id());
    }

    @Override
    public void throttled(String operation, StreamRef stream) {
        events.add("throttled " + operation + " " + stream.id());
    }

    @Override
    public void retried(String operation, StreamRef stream, String reason) {
        events.add("retried " + operation + " " + stream.id());
        retryReasons.add(reason);
        retries.release();
    }

    /** Blocks until {@code n} more retries were reported. */
    public void awaitRetries(int n) throws InterruptedException {
        retries.acquire(n);
    }

    /** All events in order. */
    public List<String> events() {
        return events;
    }

    /** How many events equal {@code event}. */
    public long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    /** The reasons given for retries, in order. */
    public List<String> retryReasons() {
        return retryReasons;
    }
}
