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

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests how {@link SdkResponses} checks and maps the SDK's answers. */
class SdkResponsesTest {

    private static final StreamRef BY_NAME = StreamRef.ofName("cam-1");
    private static final StreamRef BY_ARN =
            StreamRef.ofArn(
                    "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-1/1700000000000");
    private static final String NUMBER = "91343852333181432392682062607743920146264772710";
    private static final Instant PRODUCER = Instant.parse("2026-01-01T00:00:01.123Z");
    private static final Instant SERVER = Instant.parse("2026-01-01T00:00:01.456Z");

    @Test
    void fragmentOfAStreamGivenByNameHasNoArn() {
        FragmentPage page = SdkResponses.page(BY_NAME, response(null, fragment()));

        assertThat(page.fragments())
                .containsExactly(
                        new KinesisVideoFragment(
                                "cam-1", null, NUMBER, 1234567, PRODUCER, SERVER, 2000));
        assertThat(page.nextToken()).isNull();
    }

    @Test
    void fragmentOfAStreamGivenByArnCarriesNameAndArn() {
        FragmentPage page = SdkResponses.page(BY_ARN, response(null, fragment()));

        assertThat(page.fragments().get(0).streamName()).isEqualTo("cam-1");
        assertThat(page.fragments().get(0).streamArn()).isEqualTo(BY_ARN.arn());
    }

    @Test
    void emptyPageKeepsItsToken() {
        FragmentPage page = SdkResponses.page(BY_NAME, response("tok=="));

        assertThat(page.fragments()).isEmpty();
        assertThat(page.nextToken()).isEqualTo("tok==");
    }

    @Test
    void emptyFragmentListWithoutTokenIsTheLastPage() {
        FragmentPage page = SdkResponses.page(BY_NAME, response(null));

        assertThat(page.fragments()).isEmpty();
        assertThat(page.hasNextPage()).isFalse();
    }

    @Test
    void absentFragmentListFailsNamingFieldAndStream() {
        assertThatThrownBy(
                        () -> SdkResponses.page(BY_NAME, ListFragmentsResponse.builder().build()))
                .isInstanceOfSatisfying(
                        KinesisVideoServiceException.class,
                        e -> assertThat(e.isPermanent()).isTrue())
                .hasMessageContaining("ListFragments on stream 'cam-1'")
                .hasMessageContaining("Fragments is missing");
    }

    @Test
    void emptyNextTokenFailsNamingFieldAndStream() {
        assertThatThrownBy(() -> SdkResponses.page(BY_NAME, response("", fragment())))
                .isInstanceOf(KinesisVideoServiceException.class)
                .hasMessageContaining("ListFragments on stream 'cam-1'")
                .hasMessageContaining("NextToken is empty");
    }

    static Stream<Arguments> malformedFragments() {
        return Stream.of(
                malformed(
                        "no FragmentNumber",
                        b -> b.fragmentNumber(null),
                        "Fragments[1].FragmentNumber is missing"),
                malformed(
                        "FragmentNumber not decimal",
                        b -> b.fragmentNumber("12ab"),
                        "Fragments[1].FragmentNumber '12ab' is not a decimal number"),
                malformed(
                        "no FragmentSizeInBytes",
                        b -> b.fragmentSizeInBytes(null),
                        "FragmentNumber " + NUMBER + ").FragmentSizeInBytes is missing"),
                malformed(
                        "negative FragmentSizeInBytes",
                        b -> b.fragmentSizeInBytes(-5L),
                        "FragmentSizeInBytes is -5"),
                malformed(
                        "no FragmentLengthInMilliseconds",
                        b -> b.fragmentLengthInMilliseconds(null),
                        "FragmentLengthInMilliseconds is missing"),
                malformed(
                        "negative FragmentLengthInMilliseconds",
                        b -> b.fragmentLengthInMilliseconds(-1L),
                        "FragmentLengthInMilliseconds is -1"),
                malformed(
                        "no ProducerTimestamp",
                        b -> b.producerTimestamp(null),
                        "ProducerTimestamp is missing"),
                malformed(
                        "no ServerTimestamp",
                        b -> b.serverTimestamp(null),
                        "ServerTimestamp is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFragments")
    void malformedFragmentFailsNamingFieldAndStream(
            String description, UnaryOperator<Fragment.Builder> breakIt, String expected) {
        ListFragmentsResponse response =
                response(null, fragment(), breakIt.apply(fragment().toBuilder()).build());

        assertThatThrownBy(() -> SdkResponses.page(BY_NAME, response))
                .isInstanceOfSatisfying(
                        KinesisVideoServiceException.class,
                        e -> {
                            assertThat(e.errorType()).isEqualTo("InvalidResponse");
                            assertThat(e.operation()).isEqualTo("ListFragments");
                            assertThat(e.stream()).isEqualTo("cam-1");
                        })
                .hasMessageContaining(expected)
                .hasMessageContaining("stream 'cam-1'");
    }

    @Test
    void dataEndpointIsParsed() {
        URI endpoint =
                SdkResponses.dataEndpoint(
                        BY_NAME,
                        GetDataEndpointResponse.builder()
                                .dataEndpoint("https://b-1234.kinesisvideo.us-east-1.amazonaws.com")
                                .build());

        assertThat(endpoint)
                .isEqualTo(URI.create("https://b-1234.kinesisvideo.us-east-1.amazonaws.com"));
    }

    @Test
    void missingDataEndpointFailsNamingFieldAndStream() {
        assertThatThrownBy(
                        () ->
                                SdkResponses.dataEndpoint(
                                        BY_ARN, GetDataEndpointResponse.builder().build()))
                .isInstanceOf(KinesisVideoServiceException.class)
                .hasMessageContaining("GetDataEndpoint on stream '" + BY_ARN.arn() + "'")
                .hasMessageContaining("DataEndpoint is missing");
    }

    @Test
    void relativeDataEndpointFails() {
        assertThatThrownBy(
                        () ->
                                SdkResponses.dataEndpoint(
                                        BY_NAME,
                                        GetDataEndpointResponse.builder()
                                                .dataEndpoint("b-1234.example.com")
                                                .build()))
                .isInstanceOf(KinesisVideoServiceException.class)
                .hasMessageContaining("DataEndpoint 'b-1234.example.com' is not an absolute URI");
    }

    private static Arguments malformed(
            String description, UnaryOperator<Fragment.Builder> breakIt, String expected) {
        return Arguments.of(description, breakIt, expected);
    }

    private static Fragment fragment() {
        return Fragment.builder()
                .fragmentNumber(NUMBER)
                .fragmentSizeInBytes(1234567L)
                .producerTimestamp(PRODUCER)
                .serverTimestamp(SERVER)
                .fragmentLengthInMilliseconds(2000L)
                .build();
    }

    private static ListFragmentsResponse response(String token, Fragment... fragments) {
        List<Fragment> list = Arrays.asList(fragments);
        return ListFragmentsResponse.builder().fragments(list).nextToken(token).build();
    }
}
