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

import dev.kvsflink.connector.kinesisvideo.emulator.store.LiveFragmentStore;

import java.time.Clock;

/**
 * A stream that grows in real time on the emulator's clock (see {@link LiveStreamSpec}), and can be
 * paused (silenced), resumed, or given another rate while clients read it. Thread-safe.
 */
public final class LiveStream {

    private final String name;
    private final String arn;
    private final LiveStreamSpec spec;
    private final LiveFragmentStore store;
    private final Clock clock;

    LiveStream(String name, String arn, LiveStreamSpec spec, LiveFragmentStore store, Clock clock) {
        this.name = name;
        this.arn = arn;
        this.spec = spec;
        this.store = store;
        this.clock = clock;
    }

    /** The stream's name. */
    public String name() {
        return name;
    }

    /** The stream's ARN. */
    public String arn() {
        return arn;
    }

    /** The spec the stream was created with. */
    public LiveStreamSpec spec() {
        return spec;
    }

    /** Stops producing fragments from now on; those produced stay, and still become visible. */
    public LiveStream pause() {
        store.pause(clock.instant());
        return this;
    }

    /** Produces fragments again from now on, at the current rate. */
    public LiveStream resume() {
        store.resume(clock.instant());
        return this;
    }

    /** Produces {@code ratePerSecond} fragments per second from now on (and resumes if paused). */
    public LiveStream rate(double ratePerSecond) {
        LiveStreamSpec.checkRate(ratePerSecond);
        store.changeRate(ratePerSecond, clock.instant());
        return this;
    }

    /** Whether the stream is paused. */
    public boolean isPaused() {
        return store.isPaused();
    }

    /** How many fragments the stream holds now, visible or not yet. */
    public long size() {
        return store.heldCount(clock.instant());
    }

    @Override
    public String toString() {
        return "LiveStream{" + arn + ", " + spec + '}';
    }
}
