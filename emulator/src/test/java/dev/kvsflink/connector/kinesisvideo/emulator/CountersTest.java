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

import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;

import java.time.Instant;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.listAll;
import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The counters tell exactly what a client asked for and got. */
class CountersTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.fullPages().tpsPerStream(0));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void countRequestsPagesAndFragmentsPerOperationAndStream() {
        AppendableStream stream = EMULATOR.emulator().createStream("counted");
        for (int i = 0; i < 25; i++) {
            stream.append(T0.plusSeconds(i));
        }
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient("counted")) {
            listAll(
                    media,
                    request("counted", SelectorType.SERVER_TIMESTAMP, T0, T0.plusSeconds(60), 10));
        }
        EmulatorCounters counters = EMULATOR.emulator().counters();

        assertThat(counters.requests(Operation.GET_DATA_ENDPOINT, "counted")).isEqualTo(1);
        assertThat(counters.requests(Operation.LIST_FRAGMENTS, "counted")).isEqualTo(3);
        assertThat(counters.pages("counted")).isEqualTo(3);
        assertThat(counters.fragmentsReturned("counted")).isEqualTo(25);
        assertThat(counters.emptyPages()).isZero();
    }

    @Test
    void countErrorAnswersByType() {
        try (KinesisVideoArchivedMediaClient media =
                EMULATOR.archivedMediaClient(EMULATOR.emulator().dataPlaneEndpoint(), false)) {
            try {
                media.listFragments(request("missing", SelectorType.SERVER_TIMESTAMP, T0, T0, 10));
            } catch (RuntimeException expected) {
                // counted below
            }
        }

        assertThat(EMULATOR.emulator().counters().errors("ResourceNotFoundException")).isEqualTo(1);
        assertThat(EMULATOR.emulator().counters().requests(Operation.LIST_FRAGMENTS)).isEqualTo(1);
    }

    @Test
    void resetSetsEveryCounterToZero() {
        EMULATOR.emulator().createStream("reset").append(T0);
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient("reset")) {
            listAll(media, request("reset", SelectorType.SERVER_TIMESTAMP, T0, T0, 10));
        }

        EMULATOR.emulator().counters().reset();

        assertThat(EMULATOR.emulator().counters().asMap()).isEmpty();
    }
}
