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

package dev.kvsflink.connector.kinesisvideo.emulator;

import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every parameter rule of both operations: a request that breaks one gets an {@code
 * InvalidArgumentException} (HTTP 400) whose message names the field.
 */
class ParameterValidationTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create(b -> b.tpsPerStream(0));

    private static final String SELECTOR =
            "\"FragmentSelector\":{\"FragmentSelectorType\":\"SERVER_TIMESTAMP\","
                    + "\"TimestampRange\":{\"StartTimestamp\":1767225600.000,"
                    + "\"EndTimestamp\":1767229200.250}}";

    @BeforeAll
    static void createStream() {
        EMULATOR.emulator().createStream("valid-stream");
    }

    static Stream<Arguments> invalidListFragmentsRequests() {
        return Stream.of(
                arguments("neither name nor ARN", "{" + SELECTOR + "}", "StreamName or StreamARN"),
                arguments(
                        "both name and ARN",
                        "{\"StreamName\":\"valid-stream\",\"StreamARN\":\"arn:aws:kinesisvideo:us-east-1:123456789012:stream/valid-stream/1\","
                                + SELECTOR
                                + "}",
                        "StreamARN"),
                arguments(
                        "name with a space",
                        "{\"StreamName\":\"bad name\"," + SELECTOR + "}",
                        "StreamName"),
                arguments(
                        "name of 257 characters",
                        "{\"StreamName\":\"" + "a".repeat(257) + "\"," + SELECTOR + "}",
                        "StreamName"),
                arguments("name not a string", "{\"StreamName\":7," + SELECTOR + "}", "StreamName"),
                arguments(
                        "ARN of another service",
                        "{\"StreamARN\":\"arn:aws:s3:::bucket/x/1\"," + SELECTOR + "}",
                        "StreamARN"),
                arguments(
                        "MaxResults 0",
                        "{\"StreamName\":\"valid-stream\",\"MaxResults\":0," + SELECTOR + "}",
                        "MaxResults"),
                arguments(
                        "MaxResults 1001",
                        "{\"StreamName\":\"valid-stream\",\"MaxResults\":1001," + SELECTOR + "}",
                        "MaxResults"),
                arguments(
                        "MaxResults not a number",
                        "{\"StreamName\":\"valid-stream\",\"MaxResults\":\"ten\"," + SELECTOR + "}",
                        "MaxResults"),
                arguments(
                        "empty NextToken",
                        "{\"StreamName\":\"valid-stream\",\"NextToken\":\"\"}",
                        "NextToken"),
                arguments(
                        "NextToken with a bad character",
                        "{\"StreamName\":\"valid-stream\",\"NextToken\":\"abc$\"}",
                        "NextToken"),
                arguments(
                        "NextToken of 4097 characters",
                        "{\"StreamName\":\"valid-stream\",\"NextToken\":\""
                                + "A".repeat(4097)
                                + "\"}",
                        "NextToken"),
                arguments(
                        "neither selector nor token",
                        "{\"StreamName\":\"valid-stream\"}",
                        "FragmentSelector"),
                arguments(
                        "unknown selector type",
                        "{\"StreamName\":\"valid-stream\",\"FragmentSelector\":{\"FragmentSelectorType\":\"CLIENT_TIMESTAMP\",\"TimestampRange\":{\"StartTimestamp\":1,\"EndTimestamp\":2}}}",
                        "FragmentSelectorType"),
                arguments(
                        "missing selector type",
                        "{\"StreamName\":\"valid-stream\",\"FragmentSelector\":{\"TimestampRange\":{\"StartTimestamp\":1,\"EndTimestamp\":2}}}",
                        "FragmentSelectorType"),
                arguments(
                        "missing range",
                        "{\"StreamName\":\"valid-stream\",\"FragmentSelector\":{\"FragmentSelectorType\":\"SERVER_TIMESTAMP\"}}",
                        "TimestampRange"),
                arguments(
                        "missing end",
                        "{\"StreamName\":\"valid-stream\",\"FragmentSelector\":{\"FragmentSelectorType\":\"SERVER_TIMESTAMP\",\"TimestampRange\":{\"StartTimestamp\":1}}}",
                        "EndTimestamp"),
                arguments(
                        "start after end",
                        "{\"StreamName\":\"valid-stream\",\"FragmentSelector\":{\"FragmentSelectorType\":\"SERVER_TIMESTAMP\",\"TimestampRange\":{\"StartTimestamp\":2.001,\"EndTimestamp\":2}}}",
                        "StartTimestamp"),
                arguments(
                        "timestamp as a string",
                        "{\"StreamName\":\"valid-stream\",\"FragmentSelector\":{\"FragmentSelectorType\":\"SERVER_TIMESTAMP\",\"TimestampRange\":{\"StartTimestamp\":\"yesterday\",\"EndTimestamp\":2}}}",
                        "StartTimestamp"),
                arguments("body not JSON", "{StreamName", "JSON"));
    }

    static Stream<Arguments> invalidGetDataEndpointRequests() {
        return Stream.of(
                arguments(
                        "unknown APIName",
                        "{\"StreamName\":\"valid-stream\",\"APIName\":\"LIST_STUFF\"}",
                        "APIName"),
                arguments("missing APIName", "{\"StreamName\":\"valid-stream\"}", "APIName"),
                arguments(
                        "invalid name",
                        "{\"StreamName\":\"no/slashes\",\"APIName\":\"LIST_FRAGMENTS\"}",
                        "StreamName"),
                arguments(
                        "neither name nor ARN",
                        "{\"APIName\":\"LIST_FRAGMENTS\"}",
                        "StreamName or StreamARN"));
    }

    @ParameterizedTest(name = "ListFragments: {0}")
    @MethodSource("invalidListFragmentsRequests")
    void listFragmentsRefusesInvalidParameter(String description, String body, String field) {
        assertInvalidArgument(
                EMULATOR.emulator().dataPlaneEndpoint(), "/listFragments", body, field);
    }

    @ParameterizedTest(name = "GetDataEndpoint: {0}")
    @MethodSource("invalidGetDataEndpointRequests")
    void getDataEndpointRefusesInvalidParameter(String description, String body, String field) {
        assertInvalidArgument(
                EMULATOR.emulator().controlPlaneEndpoint(), "/getDataEndpoint", body, field);
    }

    private static void assertInvalidArgument(
            URI endpoint, String path, String body, String field) {
        HttpResponse<String> response =
                SignedHttp.post(endpoint, path, body, SignedHttp.Signing.of(EMULATOR.emulator()));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(SignedHttp.errorType(response)).isEqualTo("InvalidArgumentException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).startsWith("{\"Message\":").contains(field);
    }
}
