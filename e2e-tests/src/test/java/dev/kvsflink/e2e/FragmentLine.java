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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One fragment with all the fields an index holds, comparable between what a job wrote (a JSON line
 * with the API's field names) and the emulator's ground truth.
 */
public record FragmentLine(
        String stream,
        String fragmentNumber,
        long sizeInBytes,
        String producerTimestamp,
        String serverTimestamp,
        long lengthInMillis) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** ISO-8601 UTC with milliseconds, as the fragment-index job writes timestamps. */
    public static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static FragmentLine of(String stream, EmulatedFragment f) {
        return new FragmentLine(
                stream,
                f.fragmentNumber(),
                f.fragmentSizeInBytes(),
                format(f.producerTimestamp()),
                format(f.serverTimestamp()),
                f.fragmentLengthInMilliseconds());
    }

    /** Parses one JSON line with the API's field names. */
    public static FragmentLine parse(String json) {
        try {
            JsonNode n = MAPPER.readTree(json);
            return new FragmentLine(
                    n.get("StreamName").asText(),
                    n.get("FragmentNumber").asText(),
                    n.get("FragmentSizeInBytes").asLong(),
                    n.get("ProducerTimestamp").asText(),
                    n.get("ServerTimestamp").asText(),
                    n.get("FragmentLengthInMilliseconds").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException("not a fragment: " + json, e);
        }
    }

    /**
     * Every line of every finished file under {@code dir}: files whose names start with a dot
     * (in-progress or pending part files of Flink's file sinks) are skipped.
     */
    public static List<FragmentLine> readFinished(Path dir) throws IOException {
        List<FragmentLine> lines = new ArrayList<>();
        if (!Files.exists(dir)) {
            return lines;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files =
                    walk.filter(Files::isRegularFile)
                            .filter(f -> !f.getFileName().toString().startsWith("."))
                            .sorted()
                            .toList();
        }
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    lines.add(parse(line));
                }
            }
        }
        return lines;
    }

    static String format(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
