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

package dev.kvsflink.examples.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.HttpClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.config.RetryOptions;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Picks the Kinesis Video connector's options out of a Flink configuration, so that a job can read
 * them from the cluster's {@code config.yaml} (or {@code -D} flags) next to Flink's own options.
 *
 * <pre>{@code
 * StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
 * Configuration conf = Configuration.fromMap(env.getConfiguration().toMap());
 * KinesisVideoFragmentSource source = KinesisVideoFragmentSource.builder()
 *     .streams("cam-1")
 *     .startingAt(start)
 *     .awsOptions(ConnectorConfiguration.awsOptions(conf))       // aws.*
 *     .sourceOptions(ConnectorConfiguration.sourceOptions(conf)) // source.*
 *     .build();
 * }</pre>
 *
 * <p>Flink ignores keys it does not know, so a misspelt connector key would silently fall back to
 * its default: both methods first fail on any {@code aws.*} or {@code source.*} key that is neither
 * a connector option nor one of Flink's own source-reader options ({@code
 * source.reader.element.queue.capacity}, {@code source.reader.close.timeout}, which the source
 * reader also reads from its source options). Values are validated later, when the source is built.
 */
public final class ConnectorConfiguration {

    /** The prefix of the AWS client options ({@code AwsClientOptions}, retry, HTTP client). */
    public static final String AWS_PREFIX = "aws.";

    /** The prefix of the source options ({@code KinesisVideoSourceOptions}). */
    public static final String SOURCE_PREFIX = "source.";

    private static final Set<String> AWS_KEYS =
            keysOf(AwsClientOptions.class, RetryOptions.class, HttpClientOptions.class);
    private static final Set<String> SOURCE_KEYS = keysOf(KinesisVideoSourceOptions.class);
    private static final Set<String> FLINK_SOURCE_READER_KEYS = keysOf(SourceReaderOptions.class);

    private ConnectorConfiguration() {}

    /** The {@code aws.*} options in {@code conf}, for {@code awsOptions(Configuration)}. */
    public static Configuration awsOptions(ReadableConfig conf) {
        checkConnectorKeys(conf);
        return subset(conf, AWS_KEYS);
    }

    /**
     * The {@code source.*} options in {@code conf} (the connector's and Flink's source-reader
     * options), for {@code sourceOptions(Configuration)}.
     */
    public static Configuration sourceOptions(ReadableConfig conf) {
        checkConnectorKeys(conf);
        Set<String> keys = new TreeSet<>(SOURCE_KEYS);
        keys.addAll(FLINK_SOURCE_READER_KEYS);
        return subset(conf, keys);
    }

    /**
     * Fails on {@code aws.*} and {@code source.*} keys that no option of the connector (nor of
     * Flink's source reader) has.
     *
     * @throws IllegalArgumentException naming every unknown key
     */
    public static void checkConnectorKeys(ReadableConfig conf) {
        List<String> unknown = new ArrayList<>();
        for (String key : new TreeSet<>(conf.toMap().keySet())) {
            boolean aws = key.startsWith(AWS_PREFIX) && !AWS_KEYS.contains(key);
            boolean source =
                    key.startsWith(SOURCE_PREFIX)
                            && !SOURCE_KEYS.contains(key)
                            && !FLINK_SOURCE_READER_KEYS.contains(key);
            if (aws || source) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "Unknown Kinesis Video connector option(s) "
                            + unknown
                            + ": see docs/configuration.md for every aws.* and source.* key");
        }
    }

    /** Every key of the connector's {@code aws.*} options. */
    public static Set<String> awsKeys() {
        return AWS_KEYS;
    }

    /** Every key of the connector's {@code source.*} options. */
    public static Set<String> sourceKeys() {
        return SOURCE_KEYS;
    }

    private static Configuration subset(ReadableConfig conf, Set<String> keys) {
        Map<String, String> subset = new HashMap<>();
        for (Map.Entry<String, String> entry : conf.toMap().entrySet()) {
            if (keys.contains(entry.getKey())) {
                subset.put(entry.getKey(), entry.getValue());
            }
        }
        return Configuration.fromMap(subset);
    }

    /** The keys of the public static {@link ConfigOption} constants of {@code holders}. */
    private static Set<String> keysOf(Class<?>... holders) {
        Set<String> keys = new TreeSet<>();
        for (Class<?> holder : holders) {
            for (Field field : holder.getFields()) {
                if (Modifier.isStatic(field.getModifiers())
                        && ConfigOption.class.isAssignableFrom(field.getType())) {
                    try {
                        keys.add(((ConfigOption<?>) field.get(null)).key());
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException("Cannot read " + field, e);
                    }
                }
            }
        }
        return Collections.unmodifiableSet(keys);
    }
}
