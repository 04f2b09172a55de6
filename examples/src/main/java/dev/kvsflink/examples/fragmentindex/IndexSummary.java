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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kvsflink.connector.kinesisvideo.gaps.StreamCoverage;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.examples.cli.HumanUnits;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a finished fragment index holds, per stream: fragments, bytes, first and last timestamps,
 * and coverage gaps (spans between the end of one fragment and the start of the next that are
 * longer than a threshold, by the connector's {@link StreamCoverage} rule, as the silence alerts
 * find them). Computed from the finished output files or the database table, so it reports what was
 * really written.
 */
public final class IndexSummary {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A span with no fragments. */
    public record Gap(Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    /** One fragment as the summary sees it: its selected timestamp, size and length. */
    public record Entry(String stream, Instant start, long bytes, long lengthMillis) {}

    /** The summary of one stream. */
    public record StreamSummary(
            String stream,
            long fragments,
            long bytes,
            Instant first,
            Instant last,
            List<Gap> gaps) {}

    private final Map<String, StreamSummary> streams;

    private IndexSummary(Map<String, StreamSummary> streams) {
        this.streams = streams;
    }

    /** Per stream name, in name order. */
    public Map<String, StreamSummary> streams() {
        return streams;
    }

    /**
     * Reads every finished part file under {@code outputDir} (Flink's FileSink names in-progress
     * files with a leading dot, and those are skipped).
     */
    public static IndexSummary read(
            Path outputDir, FragmentSelectorType selector, Duration gapThreshold)
            throws IOException {
        String field =
                selector == FragmentSelectorType.SERVER_TIMESTAMP
                        ? "ServerTimestamp"
                        : "ProducerTimestamp";
        List<Entry> entries = new ArrayList<>();
        for (Path file : finishedFiles(outputDir)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    JsonNode n = MAPPER.readTree(line);
                    entries.add(
                            new Entry(
                                    n.get("StreamName").asText(),
                                    Instant.parse(n.get(field).asText()),
                                    n.get("FragmentSizeInBytes").asLong(),
                                    n.get("FragmentLengthInMilliseconds").asLong()));
                }
            }
        }
        return of(entries, gapThreshold);
    }

    /** The summary of some fragments, each given by its selected timestamp, size and length. */
    public static IndexSummary of(List<Entry> entries, Duration gapThreshold) {
        Map<String, List<Entry>> byStream = new TreeMap<>();
        for (Entry e : entries) {
            byStream.computeIfAbsent(e.stream(), k -> new ArrayList<>()).add(e);
        }
        Map<String, StreamSummary> result = new TreeMap<>();
        byStream.forEach(
                (stream, sorted) -> {
                    sorted.sort(Comparator.comparing(Entry::start));
                    result.put(stream, summarize(stream, sorted, gapThreshold));
                });
        return new IndexSummary(result);
    }

    /** The finished part files below {@code outputDir}, in a stable order. */
    public static List<Path> finishedFiles(Path outputDir) throws IOException {
        if (!Files.isDirectory(outputDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(outputDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static StreamSummary summarize(
            String stream, List<Entry> sorted, Duration gapThreshold) {
        long bytes = 0;
        long thresholdMillis = gapThreshold.toMillis();
        List<Gap> gaps = new ArrayList<>();
        StreamCoverage coverage = null;
        for (Entry e : sorted) {
            bytes += e.bytes();
            long start = e.start().toEpochMilli();
            if (coverage == null) {
                coverage = StreamCoverage.of(start, e.lengthMillis());
                continue;
            }
            if (coverage.isGapBefore(start, thresholdMillis)) {
                gaps.add(new Gap(Instant.ofEpochMilli(coverage.coveredUntilMillis()), e.start()));
            }
            coverage = coverage.plus(start, e.lengthMillis());
        }
        return new StreamSummary(
                stream,
                sorted.size(),
                bytes,
                sorted.get(0).start(),
                sorted.get(sorted.size() - 1).start(),
                gaps);
    }

    /** Prints the summary as a small table, then each stream's gaps. */
    public void print(PrintStream out) {
        out.printf(
                "%-24s %12s %10s  %-24s  %-24s  %s%n",
                "stream", "fragments", "bytes", "first", "last", "gaps");
        streams.values()
                .forEach(
                        s ->
                                out.printf(
                                        "%-24s %12d %10s  %-24s  %-24s  %d%n",
                                        s.stream(),
                                        s.fragments(),
                                        HumanUnits.bytes(s.bytes()),
                                        FragmentJsonLines.format(s.first()),
                                        FragmentJsonLines.format(s.last()),
                                        s.gaps().size()));
        streams.values()
                .forEach(
                        s ->
                                s.gaps()
                                        .forEach(
                                                g ->
                                                        out.printf(
                                                                "gap in %s: %s .. %s (%s)%n",
                                                                s.stream(),
                                                                FragmentJsonLines.format(g.from()),
                                                                FragmentJsonLines.format(g.to()),
                                                                HumanUnits.duration(g.length()))));
    }
}
