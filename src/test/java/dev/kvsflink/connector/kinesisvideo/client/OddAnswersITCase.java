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

package dev.kvsflink.connector.kinesisvideo.client;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.ExceptionUtils;

import dev.kvsflink.connector.kinesisvideo.client.testutils.RecordingListener;
import dev.kvsflink.connector.kinesisvideo.config.HttpClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.RetryOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Odd HTTP 200 answers to {@code ListFragments}, served by the emulator's body faults to the real
 * SDK client: each is either retried (a body cut short or stalled, which the same request may get
 * whole next time) or fails as a permanent {@code InvalidResponse} naming the field, the stream and
 * the operation (a malformed answer). None is taken for a page, so none can end a window early.
 */
class OddAnswersITCase {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(b -> b.seed(11).tpsPerStream(0));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T01:00:00Z");
    private static final String STREAM = "odd";
    private static final String NUMBER = "91343852333181432392682062607743920146264772710";
    private static final String FRAGMENT =
            "{\"FragmentNumber\":\""
                    + NUMBER
                    + "\","
                    + "\"FragmentSizeInBytes\":1234,\"ProducerTimestamp\":1767225601.123,"
                    + "\"ServerTimestamp\":1767225601.456,\"FragmentLengthInMilliseconds\":2000}";

    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void addStream() {
        emulator()
                .addSyntheticStream(
                        STREAM,
                        SyntheticStreamSpec.builder().seed(3).fragments(20).start(START).build());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
                    no Fragments member         | {}                                      | Fragments is missing
                    Fragments is null           | {"Fragments":null}                      | Fragments is missing
                    Fragments not a list        | {"Fragments":{"FragmentNumber":"1"}}     | Fragments is not a list
                    empty NextToken             | {"Fragments":[],"NextToken":""}         | NextToken is empty
                    null element in Fragments   | {"Fragments":[null]}                    | Fragments[0] is null
                    FragmentNumber not a number | {"Fragments":[{"FragmentNumber":"NaN"}]} | Fragments[0].FragmentNumber 'NaN' is not a decimal number
                    size not a number           | {"Fragments":[{"FragmentNumber":"1","FragmentSizeInBytes":"lots"}]} | Fragments[0].FragmentSizeInBytes is not a whole number: "lots"
                    timestamp not a number      | {"Fragments":[{"FragmentNumber":"1","ProducerTimestamp":"yesterday"}]} | Fragments[0].ProducerTimestamp is not a number of epoch seconds: "yesterday"
                    """)
    void malformedAnswerFailsNamingFieldStreamAndOperation(
            String description, String body, String field) throws Exception {
        // Every time: the SDK retries some of them (those it cannot map), to the same answer.
        emulator().faults().rawAnswer(body, Integer.MAX_VALUE).onlyFor(Operation.LIST_FRAGMENTS);

        try (KinesisVideoFragmentClient client = client(new Configuration())) {
            assertInvalid(client, field);
        }
    }

    @Test
    void fragmentNumberOfMoreThan128DigitsFailsNamingTheField() throws Exception {
        String number = "1".repeat(129);
        emulator()
                .faults()
                .rawAnswer(page(FRAGMENT.replace(NUMBER, number)), 1)
                .onlyFor(Operation.LIST_FRAGMENTS);

        try (KinesisVideoFragmentClient client = client(new Configuration())) {
            assertInvalid(
                    client,
                    "Fragments[0].FragmentNumber '"
                            + number
                            + "' is not a decimal number of 1 to 128 digits");
        }
    }

    @Test
    void wellFormedRawAnswerIsReadAsItsPage() throws Exception {
        // The baseline of the cases above: the same fault with a valid body yields its fragment.
        emulator().faults().rawAnswer(page(FRAGMENT), 1).onlyFor(Operation.LIST_FRAGMENTS);

        try (KinesisVideoFragmentClient client = client(new Configuration())) {
            FragmentPage page = client.listFragments(firstPage());

            assertThat(page.fragments())
                    .singleElement()
                    .satisfies(
                            f -> {
                                assertThat(f.fragmentNumber()).isEqualTo(NUMBER);
                                assertThat(f.fragmentSizeInBytes()).isEqualTo(1234);
                            });
            assertThat(page.hasNextPage()).isFalse();
        }
    }

    @Test
    void emptyFragmentListWithoutTokenIsTheLastPage() throws Exception {
        emulator().faults().rawAnswer("{\"Fragments\":[]}", 1).onlyFor(Operation.LIST_FRAGMENTS);

        try (KinesisVideoFragmentClient client = client(new Configuration())) {
            FragmentPage page = client.listFragments(firstPage());

            assertThat(page.fragments()).isEmpty();
            assertThat(page.hasNextPage()).isFalse();
        }
    }

    @Test
    void bodyCutShortIsRetriedAndTheWholePageRead() throws Exception {
        try (KinesisVideoFragmentClient client = client(new Configuration())) {
            FragmentPage whole = client.listFragments(firstPage());
            emulator().faults().cutBody(1).onlyFor(Operation.LIST_FRAGMENTS);

            FragmentPage retried = client.listFragments(firstPage());

            assertThat(retried.fragments()).containsExactlyInAnyOrderElementsOf(whole.fragments());
            assertThat(retried.nextToken()).isEqualTo(whole.nextToken());
            assertThat(emulator().counters().faulted()).isEqualTo(1);
            assertThat(listener.retryReasons()).hasSize(1);
        }
    }

    @Test
    void bodyCutShortEveryTimeFailsAsANetworkErrorAfterTheRetries() throws Exception {
        emulator().faults().cutBody(Integer.MAX_VALUE).onlyFor(Operation.LIST_FRAGMENTS);

        try (KinesisVideoFragmentClient client = client(attempts(2))) {
            assertThatThrownBy(() -> client.listFragments(firstPage()))
                    .isInstanceOfSatisfying(
                            KinesisVideoServiceException.class,
                            e -> {
                                assertThat(e.isPermanent()).isFalse();
                                assertThat(e.operation()).isEqualTo("ListFragments");
                                assertThat(e.stream()).isEqualTo(STREAM);
                            });
        }
        assertThat(emulator().counters().faulted()).isEqualTo(2);
    }

    @Test
    void bodyStallingHalfWayIsRetriedAfterTheSocketTimeout() throws Exception {
        Configuration options = new Configuration();
        options.set(HttpClientOptions.SOCKET_TIMEOUT, Duration.ofMillis(300));
        try (KinesisVideoFragmentClient client = client(options)) {
            FragmentPage whole = client.listFragments(firstPage());
            emulator()
                    .faults()
                    .stallBody(Duration.ofSeconds(3), 1)
                    .onlyFor(Operation.LIST_FRAGMENTS);

            FragmentPage retried = client.listFragments(firstPage());

            assertThat(retried.fragments()).containsExactlyInAnyOrderElementsOf(whole.fragments());
            assertThat(retried.nextToken()).isEqualTo(whole.nextToken());
            assertThat(emulator().counters().faulted()).isEqualTo(1);
            assertThat(listener.retryReasons()).hasSize(1);
        }
    }

    private void assertInvalid(KinesisVideoFragmentClient client, String field) {
        assertThatThrownBy(() -> client.listFragments(firstPage()))
                .isInstanceOfSatisfying(
                        KinesisVideoServiceException.class,
                        e -> {
                            assertThat(e.errorType())
                                    .as("%s", ExceptionUtils.stringifyException(e))
                                    .isEqualTo("InvalidResponse");
                            assertThat(e.isPermanent()).isTrue();
                            assertThat(e.operation()).isEqualTo("ListFragments");
                            assertThat(e.stream()).isEqualTo(STREAM);
                            assertThat(e.statusCode()).isEqualTo(200);
                        })
                .hasMessageContaining("ListFragments on stream '" + STREAM + "'")
                .hasMessageContaining(field);
    }

    private static Configuration attempts(int attempts) {
        Configuration options = new Configuration();
        options.set(RetryOptions.MAX_ATTEMPTS, attempts);
        return options;
    }

    private static String page(String fragment) {
        return "{\"Fragments\":[" + fragment + "]}";
    }

    private KinesisVideoFragmentClient client(Configuration overrides) {
        Configuration options = EmulatorAwsOptions.of(emulator());
        options.set(RetryOptions.BASE_DELAY, Duration.ofMillis(10));
        options.addAll(overrides);
        return SdkKinesisVideoFragmentClient.factory(options).create(listener);
    }

    private static ListFragmentsRequest firstPage() {
        return new ListFragmentsRequest(
                StreamRef.ofName(STREAM),
                FragmentSelectorType.SERVER_TIMESTAMP,
                START,
                END,
                100,
                null);
    }

    private static KinesisVideoEmulator emulator() {
        return EMULATOR.emulator();
    }
}
