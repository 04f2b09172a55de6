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

import org.apache.flink.api.common.serialization.Encoder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kvsflink.connector.kinesisvideo.gaps.SilenceAlert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Writes one alert per line as JSON: {@code {"StreamName":"lobby","Alert":"SILENT",
 * "SilentSince":"2026-01-01T00:41:20Z"}}, and for {@code RESUMED} also {@code "ResumedAt"}.
 */
final class AlertJsonLines implements Encoder<SilenceAlert> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void encode(SilenceAlert alert, OutputStream stream) throws IOException {
        stream.write(toJson(alert).getBytes(StandardCharsets.UTF_8));
        stream.write('\n');
    }

    static String toJson(SilenceAlert alert) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("StreamName", alert.streamName());
        node.put("Alert", alert.kind().name());
        node.put("SilentSince", alert.silentSince().toString());
        if (alert.resumedAt() != null) {
            node.put("ResumedAt", alert.resumedAt().toString());
        }
        return node.toString();
    }

    /** The alert of one line that {@link #toJson} wrote. */
    static SilenceAlert parse(String line) throws IOException {
        var node = MAPPER.readTree(line);
        String stream = node.get("StreamName").asText();
        Instant since = Instant.parse(node.get("SilentSince").asText());
        return node.has("ResumedAt")
                ? SilenceAlert.resumed(stream, since, Instant.parse(node.get("ResumedAt").asText()))
                : SilenceAlert.silent(stream, since);
    }
}
