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

package dev.kvsflink.examples.sensorjoin;

import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code --demo} setting of the sensor join: the embedded emulator (real wire protocol,
 * signatures, 5 TPS quota, unordered and short pages) with two seeded synthetic cameras, and two
 * hours to join.
 */
final class SensorJoinDemo implements AutoCloseable {
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant END = START.plus(Duration.ofHours(2));
    static final List<String> CAMERAS = List.of("front-door", "lobby");

    private final KinesisVideoEmulator emulator;

    private SensorJoinDemo(KinesisVideoEmulator emulator) {
        this.emulator = emulator;
    }

    /** Starts the emulator with the demo cameras. */
    static SensorJoinDemo start() {
        KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().seed(2026).build().start();
        // A front door camera at 2 s fragments, with an outage of up to 15 minutes.
        emulator.addSyntheticStream(
                "front-door",
                SyntheticStreamSpec.builder()
                        .seed(21)
                        .start(START)
                        .interval(Duration.ofSeconds(2))
                        .fragments(3_600)
                        .outages(1)
                        .outageLength(Duration.ofMinutes(15))
                        .build());
        // A lobby camera with 10 s fragments and a producer clock up to 30 s off.
        emulator.addSyntheticStream(
                "lobby",
                SyntheticStreamSpec.builder()
                        .seed(22)
                        .start(START)
                        .interval(Duration.ofSeconds(10))
                        .fragments(720)
                        .producerSkew(Duration.ofSeconds(30))
                        .outages(0)
                        .build());
        return new SensorJoinDemo(emulator);
    }

    /** The user's arguments pointed at the emulator's cameras and range. */
    SensorJoinArgs argsFor(SensorJoinArgs userArgs) {
        return userArgs.withTarget(
                emulator.region(), emulator.controlPlaneEndpoint(), CAMERAS, START, END);
    }

    /** The connector's options for the emulator: its region, endpoint and key pair. */
    Configuration awsOptions() {
        return Configuration.fromMap(emulator.connectorOptions());
    }

    /** The emulator, for tests that compare the join with its ground truth. */
    KinesisVideoEmulator emulator() {
        return emulator;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
