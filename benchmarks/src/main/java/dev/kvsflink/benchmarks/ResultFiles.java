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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the {@code results.json} that {@link ResultTable#json} writes, so that the results of
 * several invocations (e.g. one per workload of the full set) can be merged into one table and
 * chart ({@code --merge}).
 */
final class ResultFiles {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultFiles() {}

    /** The runs of one {@code results.json} document, in its order. */
    static List<RunResult> parse(String json) throws IOException {
        List<RunResult> results = new ArrayList<>();
        for (JsonNode run : MAPPER.readTree(json)) {
            results.add(
                    new RunResult(
                            run.get("workload").asText(),
                            run.get("configuration").asText(),
                            run.get("streams").asInt(),
                            run.get("fragments").asLong(),
                            run.get("expected").asLong(),
                            run.get("correct").asBoolean(),
                            run.get("wall_seconds").asDouble(),
                            run.get("physical_limit_seconds").asDouble(),
                            orNaN(run.get("baseline_seconds")),
                            run.get("calls").asLong(),
                            run.get("throttled").asLong(),
                            run.get("min_calls").asLong(),
                            run.get("get_data_endpoint_calls").asLong(),
                            run.get("peak_heap_bytes").asLong(),
                            run.get("peak_live_heap_bytes").asLong(),
                            run.get("checkpoint_mid_run_bytes").asLong(),
                            run.get("checkpoint_max_bytes").asLong(),
                            run.get("range_days").asDouble()));
        }
        return results;
    }

    private static double orNaN(JsonNode number) {
        return number == null || number.isNull() ? Double.NaN : number.asDouble();
    }
}
