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

package dev.kvsflink.examples.fragmentindex;

import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code --demo} setting: the embedded emulator (real wire protocol, signatures, 5 TPS quota,
 * unordered and short pages) with three seeded synthetic cameras and one day to index.
 */
final class DemoCameras implements AutoCloseable {
    static final Instant DAY_START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant DAY_END = DAY_START.plus(Duration.ofDays(1));

    private final KinesisVideoEmulator emulator;

    private DemoCameras(KinesisVideoEmulator emulator) {
        this.emulator = emulator;
    }

    /** Starts the emulator with the demo cameras. */
    static DemoCameras start() {
        KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().seed(2026).build().start();
        // A front door camera at 2 s fragments, with two outages.
        emulator.addSyntheticStream(
                "front-door",
                camera(11).interval(Duration.ofSeconds(2)).fragments(43_200).outages(2).build());
        // A parking camera at 2 s fragments with a badly set clock.
        emulator.addSyntheticStream(
                "parking",
                camera(12)
                        .interval(Duration.ofSeconds(2))
                        .fragments(43_200)
                        .producerSkew(Duration.ofSeconds(30))
                        .outages(1)
                        .build());
        // A lobby camera that sends one 10 s fragment at a time.
        emulator.addSyntheticStream(
                "lobby",
                camera(13).interval(Duration.ofSeconds(10)).fragments(8_640).outages(3).build());
        return new DemoCameras(emulator);
    }

    private static SyntheticStreamSpec.Builder camera(long seed) {
        return SyntheticStreamSpec.builder()
                .seed(seed)
                .start(DAY_START)
                .outageLength(Duration.ofMinutes(20));
    }

    /** The user's arguments pointed at the emulator's cameras and day. */
    FragmentIndexArgs argsFor(FragmentIndexArgs userArgs) {
        return userArgs.withTarget(
                emulator.region(),
                emulator.controlPlaneEndpoint(),
                List.of(
                        StreamRef.ofName("front-door"),
                        StreamRef.ofName("parking"),
                        StreamRef.ofName("lobby")),
                DAY_START,
                DAY_END);
    }

    /** The connector's options for the emulator: its region, endpoint and key pair. */
    Configuration awsOptions() {
        return Configuration.fromMap(emulator.connectorOptions());
    }

    /** The emulator, for tests that compare the index with its ground truth. */
    KinesisVideoEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
