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

package dev.kvsflink.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders results as a text table (for the console and docs/benchmarks.md, in Markdown syntax), as
 * CSV and as JSON. Pure: no I/O.
 */
public final class ResultTable {

    /** One column: its header and how a result is shown in it. */
    private record Column(String header, Function<RunResult, String> value) {}

    private static final List<Column> COLUMNS =
            List.of(
                    new Column("workload", RunResult::workload),
                    new Column("configuration", RunResult::configuration),
                    new Column("fragments", r -> Long.toString(r.fragments())),
                    new Column("correct", r -> r.correct() ? "yes" : "NO"),
                    new Column("wall_s", r -> fixed(r.wallSeconds(), 1)),
                    new Column("fragments_per_s", r -> fixed(r.fragmentsPerSecond(), 0)),
                    new Column("limit_s", r -> fixed(r.physicalLimitSeconds(), 1)),
                    new Column("of_limit", r -> percent(r.ratioToLimit())),
                    new Column("x_baseline", r -> fixed(r.speedupOverBaseline(), 2)),
                    new Column("calls", r -> Long.toString(r.calls())),
                    new Column("min_calls", r -> Long.toString(r.minCalls())),
                    new Column("accepted_over_min", r -> fixed(r.callsOverMinimum(), 3)),
                    new Column("throttled", r -> Long.toString(r.throttled())),
                    new Column("throttled_pct", r -> fixed(r.throttledPercent(), 2)),
                    new Column("peak_heap_mb", r -> mb(r.peakHeapBytes())),
                    new Column("peak_live_heap_mb", r -> mb(r.peakLiveHeapBytes())),
                    new Column("checkpoint_mid_bytes", r -> bytes(r.checkpointMidRunBytes())),
                    new Column("calls_per_stream_year", r -> fixed(r.callsPerStreamYear(), 0)));

    private ResultTable() {}

    /** A Markdown table, columns padded to line up in a terminal. */
    public static String markdown(List<RunResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(COLUMNS.stream().map(Column::header).toList());
        for (RunResult result : results) {
            rows.add(COLUMNS.stream().map(c -> c.value().apply(result)).toList());
        }
        int[] widths = new int[COLUMNS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(out, rows.get(r), widths);
            if (r == 0) {
                List<String> rule = new ArrayList<>();
                for (int width : widths) {
                    rule.add("-".repeat(width));
                }
                appendRow(out, rule, widths);
            }
        }
        return out.toString();
    }

    /** CSV with a header line; numbers unformatted except for rounding, {@code NaN} as empty. */
    public static String csv(List<RunResult> results) {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", COLUMNS.stream().map(Column::header).toList())).append('\n');
        for (RunResult result : results) {
            List<String> cells = new ArrayList<>();
            for (Column column : COLUMNS) {
                String value = column.value().apply(result);
                cells.add(value.equals("-") ? "" : value);
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    /** A JSON array of objects, one per result, with every field and derived figure. */
    public static String json(List<RunResult> results) {
        StringBuilder out = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            RunResult r = results.get(i);
            out.append("  {")
                    .append(field("workload", quote(r.workload())))
                    .append(field("configuration", quote(r.configuration())))
                    .append(field("streams", r.streams()))
                    .append(field("fragments", r.fragments()))
                    .append(field("expected", r.expected()))
                    .append(field("correct", r.correct()))
                    .append(field("wall_seconds", number(r.wallSeconds())))
                    .append(field("fragments_per_second", number(r.fragmentsPerSecond())))
                    .append(field("physical_limit_seconds", number(r.physicalLimitSeconds())))
                    .append(field("ratio_to_limit", number(r.ratioToLimit())))
                    .append(field("baseline_seconds", number(r.baselineSeconds())))
                    .append(field("speedup_over_baseline", number(r.speedupOverBaseline())))
                    .append(field("calls", r.calls()))
                    .append(field("accepted_calls", r.acceptedCalls()))
                    .append(field("min_calls", r.minCalls()))
                    .append(field("accepted_calls_over_min", number(r.callsOverMinimum())))
                    .append(field("throttled", r.throttled()))
                    .append(field("throttled_percent", number(r.throttledPercent())))
                    .append(field("get_data_endpoint_calls", r.getDataEndpointCalls()))
                    .append(field("peak_heap_bytes", r.peakHeapBytes()))
                    .append(field("peak_live_heap_bytes", r.peakLiveHeapBytes()))
                    .append(field("checkpoint_mid_run_bytes", r.checkpointMidRunBytes()))
                    .append(field("checkpoint_max_bytes", r.checkpointMaxBytes()))
                    .append(field("range_days", number(r.days())))
                    .append("\"calls_per_stream_year\": ")
                    .append(number(r.callsPerStreamYear()))
                    .append(i + 1 < results.size() ? "},\n" : "}\n");
        }
        return out.append("]\n").toString();
    }

    private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            out.append(' ').append(cell).append(" ".repeat(widths[i] - cell.length())).append(" |");
        }
        out.append('\n');
    }

    private static String field(String name, Object value) {
        return "\"" + name + "\": " + value + ", ";
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A JSON number, or null for NaN and infinities (JSON has neither). */
    private static String number(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4f", value) : "null";
    }

    private static String fixed(double value, int decimals) {
        return Double.isFinite(value)
                ? String.format(Locale.ROOT, "%." + decimals + "f", value)
                : "-";
    }

    private static String percent(double ratio) {
        return Double.isFinite(ratio) ? String.format(Locale.ROOT, "%.1f%%", 100 * ratio) : "-";
    }

    private static String mb(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / 1048576.0);
    }

    private static String bytes(long bytes) {
        return bytes < 0 ? "-" : Long.toString(bytes);
    }
}
