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

package dev.kvsflink.connector.kinesisvideo.table;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;

import java.util.List;

/**
 * The options that only a {@code kinesis-video-fragments} table has: what the DataStream API sets
 * with the builder's methods (streams, range, selector). Everything else is shared with the
 * DataStream API: {@code KinesisVideoSourceOptions} and the {@code aws.*} options.
 */
@PublicEvolving
public final class KinesisVideoTableOptions {

    public static final ConfigOption<List<String>> STREAMS =
            ConfigOptions.key("streams")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "The names of the streams to read, separated by ';', e.g. 'cam-1;cam-2'. Exactly one of streams and stream.arns is required.");

    public static final ConfigOption<List<String>> STREAM_ARNS =
            ConfigOptions.key("stream.arns")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "The ARNs of the streams to read, separated by ';'. The requests then name the streams by ARN, and the StreamARN column is filled.");

    public static final ConfigOption<String> SCAN_START_TIMESTAMP =
            ConfigOptions.key("scan.start-timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The start of the time range, inclusive: an ISO-8601 instant such as 2026-01-01T00:00:00Z (millisecond precision). Required.");

    public static final ConfigOption<String> SCAN_END_TIMESTAMP =
            ConfigOptions.key("scan.end-timestamp")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The end of the time range, exclusive: an ISO-8601 instant after the start. Without it the table is unbounded: it reads from the start, then tails the streams as they grow (see source.tail.*), and works in streaming mode only.");

    public static final ConfigOption<FragmentSelectorType> SOURCE_SELECTOR =
            ConfigOptions.key("source.selector")
                    .enumType(FragmentSelectorType.class)
                    .defaultValue(FragmentSelectorType.SERVER_TIMESTAMP)
                    .withDescription(
                            "Which timestamp selects fragments into the range and orders them: SERVER_TIMESTAMP or PRODUCER_TIMESTAMP. Declare the watermark on the same column for exact watermarks.");

    private KinesisVideoTableOptions() {}
}
