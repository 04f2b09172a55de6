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

import org.apache.flink.api.common.serialization.Encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes one fragment per line as JSON with exactly the API's field names; timestamps are ISO-8601
 * UTC with milliseconds, e.g. {@code 2026-01-01T00:00:01.123Z}. Fragment numbers stay strings: they
 * have up to 128 digits.
 */
public final class FragmentJsonLines implements Encoder<KinesisVideoFragment> {
    private static final long serialVersionUID = 1L;

    /** Always three fraction digits, unlike {@link DateTimeFormatter#ISO_INSTANT}. */
    static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void encode(KinesisVideoFragment fragment, OutputStream stream) throws IOException {
        stream.write(toJson(fragment).getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }

    /** The JSON object for one fragment, without the line break. */
    public static String toJson(KinesisVideoFragment f) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("StreamName", f.streamName());
        if (f.streamArn() != null) {
            node.put("StreamARN", f.streamArn());
        }
        node.put("FragmentNumber", f.fragmentNumber());
        node.put("FragmentSizeInBytes", f.fragmentSizeInBytes());
        node.put("ProducerTimestamp", format(f.producerTimestamp()));
        node.put("ServerTimestamp", format(f.serverTimestamp()));
        node.put("FragmentLengthInMilliseconds", f.fragmentLengthInMilliseconds());
        return node.toString();
    }

    static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
