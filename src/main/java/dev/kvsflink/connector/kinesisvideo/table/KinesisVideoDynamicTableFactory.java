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

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.HttpClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.config.RetryOptions;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSourceBuilder;

import javax.annotation.Nullable;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates {@code kinesis-video-fragments} tables: validates the DDL's columns and options, then
 * builds the same {@link KinesisVideoFragmentSource} as the DataStream API.
 *
 * <pre>{@code
 * CREATE TABLE fragments (
 *   StreamName STRING, FragmentNumber STRING, ServerTimestamp TIMESTAMP_LTZ(3),
 *   WATERMARK FOR ServerTimestamp AS ServerTimestamp
 * ) WITH (
 *   'connector' = 'kinesis-video-fragments',
 *   'streams' = 'cam-1;cam-2',
 *   'aws.region' = 'us-east-1',
 *   'scan.start-timestamp' = '2026-01-01T00:00:00Z',
 *   'scan.end-timestamp' = '2026-01-02T00:00:00Z'
 * );
 * }</pre>
 *
 * <p>Every error is a {@link ValidationException} that names the column or option, its value and
 * what is allowed; see docs/sql.md.
 */
@Internal
public final class KinesisVideoDynamicTableFactory implements DynamicTableSourceFactory {

    /** The value of {@code 'connector'}. */
    public static final String IDENTIFIER = "kinesis-video-fragments";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(KinesisVideoTableOptions.SCAN_START_TIMESTAMP);
        options.add(AwsClientOptions.AWS_REGION);
        return options;
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        Set<ConfigOption<?>> options = new LinkedHashSet<>();
        options.add(KinesisVideoTableOptions.STREAMS);
        options.add(KinesisVideoTableOptions.STREAM_ARNS);
        options.add(KinesisVideoTableOptions.SCAN_END_TIMESTAMP);
        options.add(KinesisVideoTableOptions.SOURCE_SELECTOR);
        options.add(FactoryUtil.SOURCE_PARALLELISM);
        options.addAll(sharedOptions());
        options.removeAll(requiredOptions());
        return options;
    }

    /**
     * The options shared with the DataStream API: every constant of the option classes, so that a
     * new option there is a table option too.
     */
    static List<ConfigOption<?>> sharedOptions() {
        List<ConfigOption<?>> options = new ArrayList<>();
        for (Class<?> holder :
                List.of(
                        KinesisVideoSourceOptions.class,
                        AwsClientOptions.class,
                        RetryOptions.class,
                        HttpClientOptions.class)) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        options.add((ConfigOption<?>) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return options;
    }

    @Override
    public DynamicTableSource createDynamicTableSource(Context context) {
        FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
        // Rejects unknown keys, and values that do not parse as their option's type, naming the
        // option, the value and what is allowed.
        helper.validate();
        ReadableConfig options = helper.getOptions();
        List<FragmentColumn> columns = columns(context);

        KinesisVideoFragmentSourceBuilder builder =
                KinesisVideoFragmentSource.builder()
                        .streams(streams(options))
                        .selector(options.get(KinesisVideoTableOptions.SOURCE_SELECTOR));
        Instant end = end(options);
        if (end == null) {
            builder.startingAt(start(options));
        } else {
            builder.range(start(options), end);
        }
        Configuration shared = new Configuration();
        for (ConfigOption<?> option : sharedOptions()) {
            copy(options, shared, option);
        }
        copy(options, shared, AwsClientOptions.AWS_REGION);
        builder.awsOptions(shared).sourceOptions(shared);
        KinesisVideoFragmentSource source;
        try {
            source = builder.build();
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    "Invalid kinesis-video-fragments table '"
                            + context.getObjectIdentifier().asSummaryString()
                            + "': "
                            + e.getMessage(),
                    e);
        }
        Integer parallelism = options.getOptional(FactoryUtil.SOURCE_PARALLELISM).orElse(null);
        if (parallelism != null && parallelism < 1) {
            throw invalid(FactoryUtil.SOURCE_PARALLELISM, parallelism, "an integer >= 1");
        }
        return new KinesisVideoDynamicTableSource(
                source, context.getObjectIdentifier().asSummaryString(), columns, parallelism);
    }

    private static List<FragmentColumn> columns(Context context) {
        List<FragmentColumn> columns = new ArrayList<>();
        for (Column column : context.getCatalogTable().getResolvedSchema().getColumns()) {
            if (column.isPhysical()) {
                columns.add(FragmentColumn.of(column.getName(), column.getDataType()));
            }
        }
        return columns;
    }

    private static List<String> streams(ReadableConfig options) {
        List<String> names = trimmed(options, KinesisVideoTableOptions.STREAMS);
        List<String> arns = trimmed(options, KinesisVideoTableOptions.STREAM_ARNS);
        String streams = KinesisVideoTableOptions.STREAMS.key();
        String streamArns = KinesisVideoTableOptions.STREAM_ARNS.key();
        if (names.isEmpty() == arns.isEmpty()) {
            throw new ValidationException(
                    names.isEmpty()
                            ? String.format(
                                    "No stream to read: set '%s' (names, e.g. 'cam-1;cam-2') or '%s' (ARNs)",
                                    streams, streamArns)
                            : String.format(
                                    "Both '%s' and '%s' are set: set exactly one of them",
                                    streams, streamArns));
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            check(
                    !name.startsWith("arn:"),
                    KinesisVideoTableOptions.STREAMS,
                    name,
                    "stream names; give ARNs in '" + streamArns + "'");
            checkStream(KinesisVideoTableOptions.STREAMS, name, seen, StreamRef::ofName);
        }
        for (String arn : arns) {
            checkStream(KinesisVideoTableOptions.STREAM_ARNS, arn, seen, StreamRef::ofArn);
        }
        return names.isEmpty() ? arns : names;
    }

    /** The list's entries without surrounding blanks ('cam-1; cam-2'), empty when unset. */
    private static List<String> trimmed(ReadableConfig options, ConfigOption<List<String>> option) {
        List<String> values = new ArrayList<>();
        for (String value : options.getOptional(option).orElse(List.of())) {
            values.add(value.trim());
        }
        return values;
    }

    private static void checkStream(
            ConfigOption<?> option,
            String stream,
            Set<String> seen,
            java.util.function.Function<String, StreamRef> parser) {
        try {
            parser.apply(stream);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(
                    String.format(
                            "Invalid value for option '%s': %s", option.key(), e.getMessage()),
                    e);
        }
        check(seen.add(stream), option, stream, "each stream once");
    }

    private static Instant start(ReadableConfig options) {
        return instant(options, KinesisVideoTableOptions.SCAN_START_TIMESTAMP);
    }

    /** The range end; null when the table tails the streams (unbounded). */
    @Nullable
    private static Instant end(ReadableConfig options) {
        if (options.getOptional(KinesisVideoTableOptions.SCAN_END_TIMESTAMP).isEmpty()) {
            return null;
        }
        Instant end = instant(options, KinesisVideoTableOptions.SCAN_END_TIMESTAMP);
        Instant start = start(options);
        check(
                end.isAfter(start),
                KinesisVideoTableOptions.SCAN_END_TIMESTAMP,
                end,
                "an instant after '"
                        + KinesisVideoTableOptions.SCAN_START_TIMESTAMP.key()
                        + "' ("
                        + start
                        + ")");
        return end;
    }

    private static Instant instant(ReadableConfig options, ConfigOption<String> option) {
        String value = options.get(option);
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw invalid(option, value, "an ISO-8601 instant such as '2026-01-01T00:00:00Z'");
        }
    }

    private static <T> void copy(ReadableConfig from, Configuration to, ConfigOption<T> option) {
        from.getOptional(option).ifPresent(value -> to.set(option, value));
    }

    private static void check(boolean ok, ConfigOption<?> option, Object value, String allowed) {
        if (!ok) {
            throw invalid(option, value, allowed);
        }
    }

    private static ValidationException invalid(
            ConfigOption<?> option, Object value, String allowed) {
        return new ValidationException(
                String.format(
                        "Invalid value '%s' for option '%s': expected %s",
                        value, option.key(), allowed));
    }
}
