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

package dev.kvsflink.e2e;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.LiveStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A live stream of the emulator: it grows in real time from the moment the emulator process creates
 * it. Its fragments are a pure function of the spec and of that creation instant, which the
 * emulator prints as the last part of the stream's ARN ({@link EmulatorProcess#createdAt}), so the
 * test computes its ground truth offline, from the same spec, on a clock set to that instant.
 *
 * @param name the stream's name
 * @param options the spec, as {@code LiveStreamSpec.parse} reads it, e.g. {@code
 *     seed=21,rate=2/s,delay=1s}
 */
public record LiveCamera(String name, String options) implements EmulatedStream {

    @Override
    public String argument() {
        return "live:" + name + ":" + options;
    }

    /**
     * Every fragment that the stream, created at {@code createdAt}, holds at {@code asOf} (listable
     * or still within its visibility delay) whose server timestamp is at or after {@code start}, in
     * server-timestamp order (which is ingestion order for a live stream).
     */
    public List<FragmentLine> groundTruth(Instant createdAt, Instant start, Instant asOf) {
        SettableClock clock = new SettableClock(createdAt);
        KinesisVideoEmulator offline = KinesisVideoEmulator.builder().clock(clock).build();
        offline.addLiveStream(name, LiveStreamSpec.parse(options));
        clock.set(asOf);
        return offline.groundTruth(name, SelectorType.SERVER_TIMESTAMP, start, asOf).stream()
                .map(f -> FragmentLine.of(name, f))
                .toList();
    }

    /** A clock that stands still wherever it was last set. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }
}
