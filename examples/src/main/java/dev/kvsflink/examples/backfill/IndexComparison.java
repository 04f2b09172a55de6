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

package dev.kvsflink.examples.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvsflink.connector.kinesisvideo.emulator.EmulatedFragment;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.examples.fragmentindex.FragmentJsonLines;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares the JSON Lines a fragment index holds with the fragments it must hold: per stream, which
 * are missing, written more than once, written but not expected, or written with other fields.
 * Exact when all four are zero for every stream.
 */
public final class IndexComparison {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The counts of one stream. */
    public record StreamCounts(
            String stream,
            long expected,
            long written,
            long missing,
            long duplicated,
            long unexpected,
            long differing) {

        boolean exact() {
            return missing == 0 && duplicated == 0 && unexpected == 0 && differing == 0;
        }
    }

    private final Map<String, StreamCounts> streams;

    private IndexComparison(Map<String, StreamCounts> streams) {
        this.streams = streams;
    }

    /**
     * Compares {@code lines} (one JSON object per fragment, as the fragment-index job writes them)
     * with {@code expected} (per stream name, every fragment of the range).
     *
     * @throws IOException if a line is not such a JSON object
     */
    public static IndexComparison of(
            Map<String, List<EmulatedFragment>> expected, List<String> lines) throws IOException {
        // Per stream: fragment number -> the line the job must have written for it.
        Map<String, Map<String, JsonNode>> want = new TreeMap<>();
        expected.forEach(
                (stream, fragments) -> {
                    Map<String, JsonNode> byNumber = new HashMap<>();
                    for (EmulatedFragment f : fragments) {
                        byNumber.put(f.fragmentNumber(), json(stream, f));
                    }
                    want.put(stream, byNumber);
                });
        Map<String, Map<String, List<JsonNode>>> got = new TreeMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.hasNonNull("StreamName")) {
                throw new IOException("not a fragment line: " + line);
            }
            got.computeIfAbsent(node.get("StreamName").asText(), k -> new LinkedHashMap<>())
                    .computeIfAbsent(node.path("FragmentNumber").asText(), k -> new ArrayList<>())
                    .add(node);
        }
        Map<String, StreamCounts> counts = new TreeMap<>();
        for (String stream : union(want.keySet(), got.keySet())) {
            counts.put(
                    stream,
                    count(
                            stream,
                            want.getOrDefault(stream, Map.of()),
                            got.getOrDefault(stream, Map.of())));
        }
        return new IndexComparison(counts);
    }

    /** Per stream name, in name order: expected streams and any other written. */
    public Map<String, StreamCounts> streams() {
        return streams;
    }

    /** Whether every expected fragment was written exactly once, as expected, and nothing else. */
    public boolean exact() {
        return streams.values().stream().allMatch(StreamCounts::exact);
    }

    /** Prints a table of the counts per stream, then the verdict line. */
    public void print(PrintStream out) {
        out.printf(
                "%-16s %10s %10s %8s %11s %11s %10s%n",
                "stream",
                "expected",
                "written",
                "missing",
                "duplicated",
                "unexpected",
                "differing");
        for (StreamCounts c : streams.values()) {
            out.printf(
                    "%-16s %10d %10d %8d %11d %11d %10d%n",
                    c.stream(),
                    c.expected(),
                    c.written(),
                    c.missing(),
                    c.duplicated(),
                    c.unexpected(),
                    c.differing());
        }
        if (exact()) {
            out.println(
                    "verdict: EXACT: every fragment of the range written exactly once, as the"
                            + " emulator holds it");
        } else {
            out.println(
                    "verdict: NOT EXACT: the index differs from the emulator's ground truth (see"
                            + " the counts above)");
        }
    }

    private static StreamCounts count(
            String stream, Map<String, JsonNode> want, Map<String, List<JsonNode>> got) {
        long written = 0;
        long duplicated = 0;
        long unexpected = 0;
        long differing = 0;
        for (Map.Entry<String, List<JsonNode>> entry : got.entrySet()) {
            List<JsonNode> copies = entry.getValue();
            written += copies.size();
            JsonNode expected = want.get(entry.getKey());
            if (expected == null) {
                unexpected += copies.size();
                continue;
            }
            duplicated += copies.size() - 1;
            differing += copies.stream().filter(n -> !n.equals(expected)).count();
        }
        long missing = want.keySet().stream().filter(n -> !got.containsKey(n)).count();
        return new StreamCounts(
                stream, want.size(), written, missing, duplicated, unexpected, differing);
    }

    private static JsonNode json(String stream, EmulatedFragment f) {
        try {
            return MAPPER.readTree(
                    FragmentJsonLines.toJson(
                            new KinesisVideoFragment(
                                    stream,
                                    null,
                                    f.fragmentNumber(),
                                    f.fragmentSizeInBytes(),
                                    f.producerTimestamp(),
                                    f.serverTimestamp(),
                                    f.fragmentLengthInMilliseconds())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read back our own JSON", e);
        }
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
