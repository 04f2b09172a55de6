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

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FragmentJsonLinesTest {
    private static final String NUMBER = "91343852333181432392682062607743920146264772710";

    @Test
    void writesTheApiFieldNamesWithMillisecondTimestampsEvenOnWholeSeconds() {
        KinesisVideoFragment fragment =
                new KinesisVideoFragment(
                        "cam-1",
                        null,
                        NUMBER,
                        1234567,
                        Instant.parse("2026-01-01T00:00:01Z"),
                        Instant.parse("2026-01-01T00:00:01.456Z"),
                        2000);

        assertThat(FragmentJsonLines.toJson(fragment))
                .isEqualTo(
                        "{\"StreamName\":\"cam-1\",\"FragmentNumber\":\""
                                + NUMBER
                                + "\",\"FragmentSizeInBytes\":1234567,"
                                + "\"ProducerTimestamp\":\"2026-01-01T00:00:01.000Z\","
                                + "\"ServerTimestamp\":\"2026-01-01T00:00:01.456Z\","
                                + "\"FragmentLengthInMilliseconds\":2000}");
    }

    @Test
    void addsTheStreamArnWhenTheStreamWasGivenByArn() {
        String arn = "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1700000000000";
        KinesisVideoFragment fragment =
                new KinesisVideoFragment("cam-2", arn, "1", 1, Instant.EPOCH, Instant.EPOCH, 1);

        assertThat(FragmentJsonLines.toJson(fragment)).contains("\"StreamARN\":\"" + arn + "\"");
    }

    @Test
    void encodesOneLinePerFragment() throws Exception {
        KinesisVideoFragment fragment =
                new KinesisVideoFragment("cam-1", null, "7", 1, Instant.EPOCH, Instant.EPOCH, 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new FragmentJsonLines().encode(fragment, out);
        new FragmentJsonLines().encode(fragment, out);

        assertThat(out.toString(StandardCharsets.UTF_8).split("\n", -1)).hasSize(3);
    }
}
