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

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sensor-join command line: defaults, and every rejected value named with its flag. */
class SensorJoinArgsTest {

    @Test
    void aRealAccountRunNeedsRegionStreamsStartAndEnd() {
        SensorJoinArgs args =
                SensorJoinArgs.parse(
                        "--region", "us-east-1",
                        "--stream", "cam-1",
                        "--stream", "cam-2",
                        "--start", "2026-01-01T00:00:00Z",
                        "--end", "2026-01-01T02:00:00Z");

        assertThat(args.streams()).containsExactly("cam-1", "cam-2");
        assertThat(args.end()).isEqualTo(Instant.parse("2026-01-01T02:00:00Z"));
        assertThat(args.selector()).isEqualTo(FragmentSelectorType.SERVER_TIMESTAMP);
        assertThat(args.maxFragmentLength()).isEqualTo(Duration.ofMinutes(1));
        assertThat(args.readingInterval()).isEqualTo(Duration.ofMillis(250));
        assertThatThrownBy(
                        () ->
                                SensorJoinArgs.parse(
                                        "--region", "us-east-1",
                                        "--stream", "cam-1",
                                        "--start", "2026-01-01T00:00:00Z"))
                .hasMessageContaining("--end");
    }

    @Test
    void theDemoNeedsNoTarget() {
        SensorJoinArgs args = SensorJoinArgs.parse("--demo", "--selector", "producer_timestamp");

        assertThat(args.demo()).isTrue();
        assertThat(args.selector()).isEqualTo(FragmentSelectorType.PRODUCER_TIMESTAMP);
    }

    @Test
    void badValuesAndUnknownFlagsAreNamed() {
        for (List<String> bad :
                List.of(
                        List.of("--demo", "--selector", "WALL_CLOCK"),
                        List.of("--demo", "--parallelism", "0"),
                        List.of("--demo", "--max-fragment-length", "10s"),
                        List.of("--demo", "--start", "yesterday"))) {
            assertThatThrownBy(() -> SensorJoinArgs.parse(bad.toArray(String[]::new)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad.get(1) + " '" + bad.get(2) + "'");
        }
        assertThatThrownBy(() -> SensorJoinArgs.parse("--demo", "--colour", "red"))
                .hasMessageContaining("Unknown option --colour");
    }
}
