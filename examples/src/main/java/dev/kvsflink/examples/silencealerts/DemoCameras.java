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

package dev.kvsflink.examples.silencealerts;

import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code --demo} setting: the embedded emulator with two seeded cameras with outages, and the
 * two hours of them to scan.
 */
final class DemoCameras implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(2));
    static final List<String> STREAMS = List.of("front-door", "lobby");

    private final KinesisVideoEmulator emulator;

    private DemoCameras(KinesisVideoEmulator emulator) {
        this.emulator = emulator;
    }

    /** Starts the emulator with the demo cameras. */
    static DemoCameras start() {
        KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().seed(2026).build().start();
        // Both record a little past the range's end, so every outage in it ends in it.
        emulator.addSyntheticStream(
                "front-door", camera(21, 2).fragments(3_800).outages(3).build());
        emulator.addSyntheticStream("lobby", camera(22, 10).fragments(760).outages(4).build());
        return new DemoCameras(emulator);
    }

    private static SyntheticStreamSpec.Builder camera(long seed, int fragmentSeconds) {
        return SyntheticStreamSpec.builder()
                .seed(seed)
                .start(START)
                .interval(Duration.ofSeconds(fragmentSeconds))
                .outageLength(Duration.ofMinutes(10));
    }

    /**
     * The emulator's endpoint, region and credentials, as the connector's {@code aws.*} options.
     */
    Configuration awsOptions() {
        return Configuration.fromMap(emulator.connectorOptions());
    }

    /** The emulator, for tests that compare the alerts with its ground truth. */
    KinesisVideoEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
