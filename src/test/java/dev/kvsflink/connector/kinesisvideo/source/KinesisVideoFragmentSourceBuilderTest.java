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

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.enumerator.StreamCursor;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.FakeClientFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KinesisVideoFragmentSourceBuilderTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-02T00:00:00Z");
    private static final String ARN =
            "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1700000000000";

    static Stream<Arguments> invalidConfigurations() {
        return Stream.of(
                bad("no streams", b -> {}, "streams is empty"),
                bad("blank stream", b -> b.streams(" "), "streams[0] is blank"),
                bad("null stream", b -> b.streams((String) null), "streams[0] is null"),
                bad(
                        "invalid name",
                        b -> b.streams("cam 1"),
                        "streams[0]",
                        "'cam 1'",
                        "[a-zA-Z0-9_.-]"),
                bad(
                        "invalid ARN",
                        b -> b.streams("arn:aws:kinesis:us-east-1:1:stream/x/1"),
                        "streams[0]",
                        "arn:aws:kinesis:us-east-1:1:stream/x/1",
                        "arn:<partition>:kinesisvideo"),
                bad(
                        "duplicate",
                        b -> b.streams("cam-1", ARN, "cam-1"),
                        "streams[2] 'cam-1' is given twice"),
                bad(
                        "start equals end",
                        b -> b.streams("cam-1").range(T0, T0),
                        "range start 2026-01-01T00:00:00Z must be before range end 2026-01-01T00:00:00Z"),
                bad(
                        "start after end",
                        b -> b.streams("cam-1").range(T1, T0),
                        "must be before range end"),
                bad(
                        "start two days ahead",
                        b -> b.streams("cam-1").startingAt(Instant.now().plus(Duration.ofDays(2))),
                        "startingAt",
                        "is more than PT24H after now"),
                bad(
                        "negative consistency lag",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .TAIL_CONSISTENCY_LAG,
                                                        Duration.ofSeconds(-1))),
                        "source.tail.consistency-lag must be 0 or more, was PT-1S"),
                bad(
                        "negative allowed lateness",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .TAIL_ALLOWED_LATENESS,
                                                        Duration.ofSeconds(-5))),
                        "source.tail.allowed-lateness must be 0 or more, was PT-5S"),
                bad(
                        "zero poll interval",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .TAIL_POLL_INTERVAL,
                                                        Duration.ZERO)),
                        "source.tail.poll-interval must be at least 1 ms, was PT0S"),
                bad(
                        "late detection shorter than the consistency lag",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .TAIL_LATE_DETECTION,
                                                        Duration.ofSeconds(2))),
                        "source.tail.late-detection (PT2S) must not be shorter than"
                                + " source.tail.consistency-lag (PT5S)"),
                bad(
                        "missing region",
                        b -> b.streams("cam-1").region(null),
                        "aws.region is missing"),
                bad(
                        "invalid region",
                        b -> b.streams("cam-1").region("US East"),
                        "aws.region is invalid ('US East')"),
                bad(
                        "relative endpoint",
                        b -> b.streams("cam-1").endpoint(URI.create("localhost:4566")),
                        "aws.endpoint 'localhost:4566' is not an absolute http(s) URI"),
                bad(
                        "ftp endpoint",
                        b -> b.streams("cam-1").endpoint(URI.create("ftp://host/")),
                        "aws.endpoint 'ftp://host/'"),
                bad(
                        "endpoint in aws options",
                        b ->
                                b.streams("cam-1")
                                        .awsOptions(
                                                conf(AwsClientOptions.AWS_ENDPOINT, "not a uri")),
                        "aws.endpoint 'not a uri'"),
                bad(
                        "zero window",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions.WINDOW_MIN_SIZE,
                                                        Duration.ZERO)),
                        "source.window.min-size must be at least 1 ms, was PT0S"),
                bad(
                        "min above max",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions.WINDOW_MIN_SIZE,
                                                        Duration.ofDays(8))),
                        "source.window.min-size (PT192H) must not be greater than source.window.max-size (PT168H)"),
                bad(
                        "initial outside",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .WINDOW_INITIAL_SIZE,
                                                        Duration.ofMillis(10))),
                        "source.window.initial-size must be between",
                        "was PT0.01S"),
                bad(
                        "target zero",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .WINDOW_TARGET_FRAGMENTS,
                                                        0)),
                        "source.window.target-fragments must be between 1 and",
                        "was 0"),
                bad(
                        "max results too high",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .LIST_FRAGMENTS_MAX_RESULTS,
                                                        1001)),
                        "source.list-fragments.max-results must be between 1 and 1000, was 1001"),
                bad(
                        "no splits in flight",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .READER_SPLITS_IN_FLIGHT,
                                                        0)),
                        "source.reader.splits-in-flight must be between 1 and"),
                bad(
                        "no concurrent windows",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .STREAM_MAX_CONCURRENT_WINDOWS,
                                                        -1)),
                        "source.stream.max-concurrent-windows must be between 1 and",
                        "was -1"),
                bad(
                        "zero budget",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .STREAM_LIST_FRAGMENTS_BUDGET,
                                                        0.0)),
                        "source.stream.list-fragments.budget-tps must be more than 0 and at most 1000.0",
                        "was 0.0"),
                bad(
                        "budget above the ceiling",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .STREAM_LIST_FRAGMENTS_BUDGET,
                                                        4000.0)),
                        "source.stream.list-fragments.budget-tps",
                        "was 4000.0"),
                bad(
                        "budget NaN",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .STREAM_LIST_FRAGMENTS_BUDGET,
                                                        Double.NaN)),
                        "source.stream.list-fragments.budget-tps",
                        "was NaN"),
                bad(
                        "budget not a number",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                Configuration.fromMap(
                                                        Map.of(
                                                                "source.stream.list-fragments.budget-tps",
                                                                "fast"))),
                        "source.stream.list-fragments.budget-tps must be a number",
                        "was 'fast'"),
                bad(
                        "zero throttling timeout",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                conf(
                                                        KinesisVideoSourceOptions
                                                                .STREAM_THROTTLING_TIMEOUT,
                                                        Duration.ZERO)),
                        "source.stream.throttling-timeout must be at least 1 ms, was PT0S"),
                bad(
                        "suppress-restarts not a boolean",
                        b ->
                                b.streams("cam-1")
                                        .sourceOptions(
                                                Configuration.fromMap(
                                                        Map.of(
                                                                "source.errors.suppress-restarts",
                                                                "maybe"))),
                        "source.errors.suppress-restarts must be true or false",
                        "was 'maybe'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidConfigurations")
    void rejectsAnInvalidConfigurationNamingTheFieldTheValueAndWhatIsAllowed(
            String name, Consumer<KinesisVideoFragmentSourceBuilder> change, String[] expected) {
        KinesisVideoFragmentSourceBuilder builder = validBuilderWithoutStreams();
        change.accept(builder);
        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(expected);
    }

    @Test
    void acceptsNamesAndArnsTogether() {
        KinesisVideoFragmentSource source =
                validBuilderWithoutStreams().streams("cam-1", ARN).build();
        assertThat(source.streams())
                .containsExactly(StreamRef.ofName("cam-1"), StreamRef.ofArn(ARN));
    }

    @Test
    void requiresATimeSpan() {
        assertThatThrownBy(
                        () ->
                                KinesisVideoFragmentSource.builder()
                                        .streams("cam-1")
                                        .region("us-east-1")
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a time span is required: call startingAt(start)");
    }

    @Test
    void followsTheStreamsForeverWhenStartingAtATime() {
        KinesisVideoFragmentSource source =
                validBuilderWithoutStreams().streams("cam-1").startingAt(T0).build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.CONTINUOUS_UNBOUNDED);
        assertThat(source.initialState().cursors().get(0).endMillis()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void acceptsARangeThatEndsInTheFutureAndStaysBounded() {
        KinesisVideoFragmentSource source =
                validBuilderWithoutStreams()
                        .streams("cam-1")
                        .range(T0, Instant.now().plus(Duration.ofHours(1)))
                        .build();
        assertThat(source.getBoundedness()).isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void isBoundedByTheRangeEnd() {
        assertThat(validBuilderWithoutStreams().streams("cam-1").build().getBoundedness())
                .isEqualTo(Boundedness.BOUNDED);
    }

    @Test
    void startsEveryStreamAtTheRangeStartWithTheInitialWindow() {
        KinesisVideoFragmentSource source = validBuilderWithoutStreams().streams("cam-1").build();
        assertThat(source.initialState().cursors())
                .containsExactly(
                        StreamCursor.of(
                                StreamRef.ofName("cam-1"),
                                T0.toEpochMilli(),
                                Duration.ofMinutes(10).toMillis(),
                                T1.toEpochMilli()));
    }

    @Test
    void usesTheDocumentedDefaults() {
        var settings = validBuilderWithoutStreams().streams("cam-1").build().settings();
        assertThat(settings.initialWindowMillis()).isEqualTo(600_000);
        assertThat(settings.minWindowMillis()).isEqualTo(1_000);
        assertThat(settings.maxWindowMillis()).isEqualTo(7 * 24 * 3_600_000L);
        assertThat(settings.targetFragments()).isEqualTo(10_000);
        assertThat(settings.maxResults()).isEqualTo(1000);
        assertThat(settings.splitsInFlight()).isEqualTo(4);
        assertThat(settings.fetchThreads()).isEqualTo(4);
        assertThat(settings.maxConcurrentWindows()).isEqualTo(4);
        assertThat(settings.listFragmentsBudget()).isEqualTo(4.0);
        assertThat(settings.throttlingTimeoutMillis()).isEqualTo(600_000);
        assertThat(settings.suppressRestartsOnPermanentErrors()).isTrue();
    }

    @Test
    void usesTheSdkClientByDefault() {
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams("cam-1")
                        .range(T0, T1)
                        .region("us-east-1")
                        .endpoint(URI.create("http://127.0.0.1:4566"))
                        .build();
        assertThat(source.clientFactory().getClass().getSimpleName())
                .isEqualTo("SdkKinesisVideoFragmentClientFactory");
    }

    @Test
    void passesTheAwsOptionsToTheSdkClientWhichValidatesThem() {
        Configuration aws = new Configuration();
        aws.set(
                AwsClientOptions.AWS_CREDENTIALS_PROVIDER,
                AwsClientOptions.CredentialsProvider.BASIC);
        assertThatThrownBy(
                        () ->
                                KinesisVideoFragmentSource.builder()
                                        .streams("cam-1")
                                        .range(T0, T1)
                                        .region("us-east-1")
                                        .awsOptions(aws)
                                        .build())
                .hasMessageContaining(AwsClientOptions.AWS_ACCESS_KEY_ID.key());
    }

    @Test
    void producesAPojoTypeSoFragmentsAreSerializedWithoutKryo() {
        TypeInformation<KinesisVideoFragment> type =
                validBuilderWithoutStreams().streams("cam-1").build().getProducedType();
        assertThat(type).isInstanceOf(PojoTypeInfo.class);
    }

    // ------------------------------------------------------------------------

    private static KinesisVideoFragmentSourceBuilder validBuilderWithoutStreams() {
        return KinesisVideoFragmentSource.builder()
                .range(T0, T1)
                .region("us-east-1")
                .clientFactory(FakeClientFactory.serving("builder-test", List.of(), 10));
    }

    private static Arguments bad(
            String name, Consumer<KinesisVideoFragmentSourceBuilder> change, String... expected) {
        return Arguments.of(name, change, expected);
    }

    private static <T> Configuration conf(ConfigOption<T> option, T value) {
        Configuration conf = new Configuration();
        conf.set(option, value);
        return conf;
    }
}
