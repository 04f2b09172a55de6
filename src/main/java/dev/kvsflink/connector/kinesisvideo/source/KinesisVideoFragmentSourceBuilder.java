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

package dev.kvsflink.connector.kinesisvideo.source;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.client.SdkKinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Builds a {@link KinesisVideoFragmentSource}. Required: {@link #streams}, a time span ({@link
 * #range} for a bounded read, {@link #startingAt} to follow the streams forever) and the region.
 * Defaults: selector {@link FragmentSelectorType#SERVER_TIMESTAMP}, the region's public endpoint,
 * and the defaults of {@code KinesisVideoSourceOptions}.
 *
 * <p>{@link #build()} validates everything and throws {@link IllegalArgumentException} with a
 * message that names the field or option, the value, and what is allowed.
 *
 * <p>Not thread-safe; the built source is immutable.
 */
@PublicEvolving
public final class KinesisVideoFragmentSourceBuilder {

    private static final Logger LOG =
            LoggerFactory.getLogger(KinesisVideoFragmentSourceBuilder.class);

    /**
     * How far in the future a start may lie: a job scheduled ahead is fine, a start years ahead is
     * a typo (seconds for milliseconds, a wrong year) that would idle the job silently.
     */
    static final Duration MAX_START_AHEAD = Duration.ofDays(1);

    private final List<String> streams = new ArrayList<>();
    private FragmentSelectorType selector = FragmentSelectorType.SERVER_TIMESTAMP;
    @Nullable private Instant start;
    @Nullable private Instant end;
    @Nullable private String region;
    @Nullable private URI endpoint;
    private final Configuration awsOptions = new Configuration();
    private final Configuration sourceOptions = new Configuration();
    @Nullable private KinesisVideoFragmentClientFactory clientFactory;

    KinesisVideoFragmentSourceBuilder() {}

    /** Adds streams, each given by name ({@code cam-1}) or by ARN. */
    public KinesisVideoFragmentSourceBuilder streams(String... namesOrArns) {
        return streams(Arrays.asList(checkNotNull(namesOrArns, "streams must not be null")));
    }

    /** Adds streams, each given by name or by ARN. */
    public KinesisVideoFragmentSourceBuilder streams(Collection<String> namesOrArns) {
        streams.addAll(checkNotNull(namesOrArns, "streams must not be null"));
        return this;
    }

    /** Which timestamp selects, orders and watermarks fragments; default server timestamp. */
    public KinesisVideoFragmentSourceBuilder selector(FragmentSelectorType selector) {
        this.selector = checkNotNull(selector, "selector must not be null");
        return this;
    }

    /**
     * A bounded read of the time range, start inclusive, end exclusive, at millisecond precision.
     * The end may lie in the future: the source then follows the streams until it has passed.
     * Replaces an earlier {@link #startingAt}.
     */
    public KinesisVideoFragmentSourceBuilder range(Instant start, Instant end) {
        this.start = checkNotNull(start, "range start must not be null");
        this.end = checkNotNull(end, "range end must not be null");
        return this;
    }

    /**
     * An unbounded read from {@code start} (inclusive): the source reads what is there, then
     * follows the streams as they grow, forever (the tail mode; see {@code source.tail.*}). A start
     * in the past backfills first; one job does both. Replaces an earlier {@link #range}.
     */
    public KinesisVideoFragmentSourceBuilder startingAt(Instant start) {
        this.start = checkNotNull(start, "startingAt must not be null");
        this.end = null;
        return this;
    }

    /** The streams' AWS region, e.g. {@code us-east-1}; overrides {@code aws.region}. */
    public KinesisVideoFragmentSourceBuilder region(String region) {
        this.region = region;
        return this;
    }

    /** The control-plane endpoint (e.g. the emulator's); overrides {@code aws.endpoint}. */
    public KinesisVideoFragmentSourceBuilder endpoint(URI endpoint) {
        this.endpoint = endpoint;
        return this;
    }

    /** Adds {@code aws.*} options (credentials and the like); see {@link AwsClientOptions}. */
    public KinesisVideoFragmentSourceBuilder awsOptions(Configuration options) {
        awsOptions.addAll(checkNotNull(options, "awsOptions must not be null"));
        return this;
    }

    /** Adds {@code source.*} options; see {@code KinesisVideoSourceOptions}. */
    public KinesisVideoFragmentSourceBuilder sourceOptions(Configuration options) {
        sourceOptions.addAll(checkNotNull(options, "sourceOptions must not be null"));
        return this;
    }

    /** Replaces the SDK-backed client, for tests. */
    @VisibleForTesting
    KinesisVideoFragmentSourceBuilder clientFactory(KinesisVideoFragmentClientFactory factory) {
        this.clientFactory = checkNotNull(factory, "clientFactory must not be null");
        return this;
    }

    /** Validates the configuration and builds the source. */
    public KinesisVideoFragmentSource build() {
        List<StreamRef> refs = parseStreams();
        check(
                start != null,
                "a time span is required: call startingAt(start) to follow the streams, or"
                        + " range(start, end) for a bounded read");
        long startMillis = start.toEpochMilli();
        long endMillis = end == null ? Long.MAX_VALUE : end.toEpochMilli();
        check(
                startMillis < endMillis,
                "range start %s must be before range end %s (the end is exclusive, precision is 1 ms)",
                start,
                end);
        Instant now = Instant.now();
        check(
                !start.isAfter(now.plus(MAX_START_AHEAD)),
                "%s %s is more than %s after now (%s): give a start at most that far ahead",
                end == null ? "startingAt" : "range start",
                start,
                MAX_START_AHEAD,
                now);
        KinesisVideoSourceSettings settings =
                KinesisVideoSourceSettings.fromConfiguration(sourceOptions);
        if (settings.listFragmentsBudget() > KinesisVideoSourceSettings.SERVICE_TPS_PER_STREAM) {
            LOG.warn(
                    "{} is {}, above the service's quota of {} calls per second and stream: fine"
                            + " against an endpoint without that quota, throttled by AWS",
                    KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET.key(),
                    settings.listFragmentsBudget(),
                    KinesisVideoSourceSettings.SERVICE_TPS_PER_STREAM);
        }
        Configuration aws = awsConfiguration();
        KinesisVideoFragmentClientFactory factory =
                clientFactory != null ? clientFactory : defaultClientFactory(aws);
        return new KinesisVideoFragmentSource(
                refs, selector, startMillis, endMillis, settings, sourceOptions, factory);
    }

    private List<StreamRef> parseStreams() {
        check(
                !streams.isEmpty(),
                "streams is empty: give at least one stream name or ARN with streams(...)");
        List<StreamRef> refs = new ArrayList<>();
        Set<StreamRef> seen = new HashSet<>();
        for (int i = 0; i < streams.size(); i++) {
            String s = streams.get(i);
            check(
                    s != null && !s.isBlank(),
                    "streams[%s] is %s: give a stream name or ARN",
                    i,
                    s == null ? "null" : "blank ('" + s + "')");
            StreamRef ref;
            try {
                ref = StreamRef.parse(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("streams[" + i + "]: " + e.getMessage(), e);
            }
            check(seen.add(ref), "streams[%s] '%s' is given twice: list each stream once", i, s);
            refs.add(ref);
        }
        return refs;
    }

    /** The {@code aws.*} options with the region and endpoint set, validated. */
    private Configuration awsConfiguration() {
        Configuration aws = new Configuration(awsOptions);
        if (region != null) {
            aws.set(AwsClientOptions.AWS_REGION, region);
        }
        String effectiveRegion = aws.get(AwsClientOptions.AWS_REGION);
        check(
                effectiveRegion != null && effectiveRegion.matches("[a-z0-9-]+"),
                "%s is %s: call region(...) with a region such as us-east-1",
                AwsClientOptions.AWS_REGION.key(),
                effectiveRegion == null ? "missing" : "invalid ('" + effectiveRegion + "')");
        if (endpoint != null) {
            aws.set(AwsClientOptions.AWS_ENDPOINT, endpoint.toString());
        }
        String effectiveEndpoint = aws.get(AwsClientOptions.AWS_ENDPOINT);
        if (effectiveEndpoint != null) {
            checkEndpoint(effectiveEndpoint);
        }
        return aws;
    }

    private static void checkEndpoint(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            uri = null;
        }
        check(
                uri != null
                        && uri.isAbsolute()
                        && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null,
                "%s '%s' is not an absolute http(s) URI such as http://127.0.0.1:4566",
                AwsClientOptions.AWS_ENDPOINT.key(),
                endpoint);
    }

    /**
     * The SDK-backed client, configured from the {@code aws.*} options. The one place that knows
     * the SDK client's factory.
     */
    static KinesisVideoFragmentClientFactory defaultClientFactory(Configuration awsOptions) {
        return SdkKinesisVideoFragmentClient.factory(awsOptions);
    }

    private static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }
}
