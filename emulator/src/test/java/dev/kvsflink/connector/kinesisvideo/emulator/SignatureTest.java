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

import dev.kvsflink.connector.kinesisvideo.emulator.SignedHttp.Signing;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SigV4 verification: what is accepted and what gets NotAuthorizedException (HTTP 401). */
class SignatureTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create(b -> b.tpsPerStream(0));

    private static final String BODY = "{\"StreamName\":\"signed\",\"APIName\":\"LIST_FRAGMENTS\"}";

    @BeforeAll
    static void createStream() {
        EMULATOR.emulator().createStream("signed");
    }

    private static URI controlPlane() {
        return EMULATOR.emulator().controlPlaneEndpoint();
    }

    private static Signing valid() {
        return Signing.of(EMULATOR.emulator());
    }

    private static void assertNotAuthorized(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(SignedHttp.errorType(response)).isEqualTo("NotAuthorizedException");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.body()).doesNotContain(EMULATOR.emulator().secretKey());
    }

    @Test
    void correctlySignedRequestIsAccepted() {
        HttpResponse<String> response =
                SignedHttp.post(controlPlane(), "/getDataEndpoint", BODY, valid());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(EMULATOR.emulator().dataPlaneEndpoint().toString());
    }

    @Test
    void unsignedRequestIsRejected() {
        assertNotAuthorized(
                SignedHttp.post(
                        controlPlane(),
                        "/getDataEndpoint",
                        Map.of("Content-Type", List.of("application/json")),
                        BODY));
    }

    @Test
    void wrongSecretIsRejected() {
        assertNotAuthorized(
                SignedHttp.post(
                        controlPlane(), "/getDataEndpoint", BODY, valid().withSecret("guess")));
    }

    @Test
    void unknownAccessKeyIsRejected() {
        assertNotAuthorized(
                SignedHttp.post(
                        controlPlane(),
                        "/getDataEndpoint",
                        BODY,
                        valid().withAccessKey("AKIAOTHER")));
    }

    @Test
    void signatureScopedToAnotherRegionIsRejected() {
        assertNotAuthorized(
                SignedHttp.post(
                        controlPlane(), "/getDataEndpoint", BODY, valid().withRegion("eu-west-1")));
    }

    @Test
    void signatureScopedToAnotherServiceIsRejected() {
        assertNotAuthorized(
                SignedHttp.post(
                        controlPlane(), "/getDataEndpoint", BODY, valid().withService("s3")));
    }

    @Test
    void bodyChangedAfterSigningIsRejected() {
        Map<String, List<String>> headers =
                SignedHttp.signedHeaders(controlPlane(), "/getDataEndpoint", BODY, valid());

        assertNotAuthorized(
                SignedHttp.post(
                        controlPlane(),
                        "/getDataEndpoint",
                        headers,
                        BODY.replace("LIST_FRAGMENTS", "GET_MEDIA")));
    }

    @Test
    void sessionCredentialsOfTheConfiguredKeyAreAccepted() {
        try (KinesisVideoClient control =
                KinesisVideoClient.builder()
                        .endpointOverride(controlPlane())
                        .region(Region.of(EMULATOR.emulator().region()))
                        .credentialsProvider(
                                StaticCredentialsProvider.create(
                                        AwsSessionCredentials.create(
                                                EMULATOR.emulator().accessKey(),
                                                EMULATOR.emulator().secretKey(),
                                                "session-token")))
                        .build()) {
            assertThat(
                            control.getDataEndpoint(
                                            r ->
                                                    r.streamName("signed")
                                                            .apiName(APIName.LIST_FRAGMENTS))
                                    .dataEndpoint())
                    .isEqualTo(EMULATOR.emulator().dataPlaneEndpoint().toString());
        }
    }

    @Test
    void unsignedRequestIsAcceptedWhenVerificationIsOff() {
        try (KinesisVideoEmulator open =
                KinesisVideoEmulator.builder().verifySignatures(false).build().start()) {
            open.createStream("signed");

            HttpResponse<String> response =
                    SignedHttp.post(
                            open.controlPlaneEndpoint(),
                            "/getDataEndpoint",
                            Map.of("Content-Type", List.of("application/json")),
                            BODY);

            assertThat(response.statusCode()).isEqualTo(200);
        }
    }
}
