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

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The JSON bodies of requests and answers. Timestamps go out as epoch seconds with a millisecond
 * fraction ({@code 1767225601.123}), which is what the service sends and the SDK parses.
 */
final class JsonBodies {

    /** Reads numbers with fractions exactly, so that a timestamp's milliseconds survive. */
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private JsonBodies() {}

    /** The parsed request body. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.invalidArgument("The request body must be a JSON object");
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw ApiException.invalidArgument("The request body is not valid JSON");
        }
    }

    /** {@code {"Message": message}}. */
    static byte[] error(String message) {
        return write(g -> g.writeStringField("Message", message));
    }

    /** {@code {"DataEndpoint": url}}. */
    static byte[] dataEndpoint(String url) {
        return write(g -> g.writeStringField("DataEndpoint", url));
    }

    /** A {@code ListFragments} answer; {@code nextToken} is left out when null. */
    static byte[] fragmentPage(List<EmulatedFragment> fragments, String nextToken) {
        return write(
                g -> {
                    g.writeArrayFieldStart("Fragments");
                    for (EmulatedFragment fragment : fragments) {
                        g.writeStartObject();
                        g.writeStringField("FragmentNumber", fragment.fragmentNumber());
                        g.writeNumberField("FragmentSizeInBytes", fragment.fragmentSizeInBytes());
                        g.writeFieldName("ProducerTimestamp");
                        g.writeNumber(epochSeconds(fragment.producerTimestamp().toEpochMilli()));
                        g.writeFieldName("ServerTimestamp");
                        g.writeNumber(epochSeconds(fragment.serverTimestamp().toEpochMilli()));
                        g.writeNumberField(
                                "FragmentLengthInMilliseconds",
                                fragment.fragmentLengthInMilliseconds());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    if (nextToken != null) {
                        g.writeStringField("NextToken", nextToken);
                    }
                });
    }

    /** {@code 1767225601123} as {@code "1767225601.123"}. */
    static String epochSeconds(long millis) {
        long seconds = Math.floorDiv(millis, 1000);
        int fraction = (int) Math.floorMod(millis, 1000);
        StringBuilder text = new StringBuilder(24).append(seconds).append('.');
        if (fraction < 100) {
            text.append('0');
        }
        if (fraction < 10) {
            text.append('0');
        }
        return text.append(fraction).toString();
    }

    private interface Fields {
        void write(JsonGenerator generator) throws IOException;
    }

    private static byte[] write(Fields fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator generator = FACTORY.createGenerator(out)) {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toByteArray();
    }
}
