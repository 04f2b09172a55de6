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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ResourceNotFoundException;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests how {@link SdkErrors} translates SDK failures. */
class SdkErrorsTest {

    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final StreamRef CAM_ARN =
            StreamRef.ofArn(
                    "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-1/1700000000000");
    private static final String TOKEN = "AAEAAXh5ek5leHRUb2tlbjEyMw==";

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void serviceErrorKeepsTypeMessageRequestIdStatusAndStream() {
        KinesisVideoServiceException e =
                SdkErrors.translate(
                        "ListFragments",
                        CAM,
                        ResourceNotFoundException.builder()
                                .awsErrorDetails(
                                        details(
                                                "ResourceNotFoundException",
                                                "Stream cam-1 was not found"))
                                .requestId("req-123")
                                .statusCode(404)
                                .build(),
                        null);

        assertThat(e.operation()).isEqualTo("ListFragments");
        assertThat(e.stream()).isEqualTo("cam-1");
        assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
        assertThat(e.requestId()).isEqualTo("req-123");
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.getMessage())
                .isEqualTo(
                        "ListFragments on stream 'cam-1' failed: ResourceNotFoundException (HTTP 404):"
                                + " Stream cam-1 was not found [request id: req-123]");
    }

    @Test
    void streamGivenByArnIsNamedByItsArn() {
        KinesisVideoServiceException e =
                SdkErrors.translate(
                        "GetDataEndpoint",
                        CAM_ARN,
                        AwsServiceException.builder()
                                .awsErrorDetails(details("NotAuthorizedException", "denied"))
                                .statusCode(401)
                                .build(),
                        null);

        assertThat(e.stream()).isEqualTo(CAM_ARN.arn());
        assertThat(e.getMessage()).startsWith("GetDataEndpoint on stream '" + CAM_ARN.arn() + "'");
    }

    @Test
    void clientFailureIsTypedByItsExceptionClassWithoutStatus() {
        KinesisVideoServiceException e =
                SdkErrors.translate(
                        "ListFragments",
                        CAM,
                        SdkClientException.builder()
                                .message("Unable to execute HTTP request: Connection refused")
                                .cause(new ConnectException("Connection refused"))
                                .build(),
                        null);

        assertThat(e.errorType()).isEqualTo("SdkClientException");
        assertThat(e.statusCode()).isZero();
        assertThat(e.requestId()).isNull();
        assertThat(e.getMessage()).contains("Connection refused").contains("[request id: none]");
        assertThat(e.getCause()).isInstanceOf(SdkClientException.class);
    }

    @Test
    void nextTokenQuotedByTheServiceIsRedactedAndTheCauseDropped() {
        KinesisVideoServiceException e =
                SdkErrors.translate(
                        "ListFragments",
                        CAM,
                        InvalidArgumentException.builder()
                                .awsErrorDetails(
                                        details(
                                                "InvalidArgumentException",
                                                "NextToken " + TOKEN + " has expired"))
                                .message("NextToken " + TOKEN + " has expired")
                                .statusCode(400)
                                .build(),
                        TOKEN);

        assertThat(e.getMessage())
                .doesNotContain(TOKEN)
                .contains("NextToken <redacted> has expired");
        assertThat(e.getCause()).isNull();
        assertThat(e.toString()).doesNotContain(TOKEN);
    }

    @Test
    void causeIsKeptWhenItDoesNotQuoteTheToken() {
        InvalidArgumentException failure =
                InvalidArgumentException.builder()
                        .awsErrorDetails(details("InvalidArgumentException", "MaxResults too big"))
                        .statusCode(400)
                        .build();

        assertThat(SdkErrors.translate("ListFragments", CAM, failure, TOKEN).getCause())
                .isSameAs(failure);
    }

    @Test
    void ioFailureAndServerErrorsAreConnectionFailures() {
        assertThat(
                        SdkErrors.isConnectionFailure(
                                SdkClientException.builder()
                                        .cause(new ConnectException("refused"))
                                        .build()))
                .isTrue();
        assertThat(
                        SdkErrors.isConnectionFailure(
                                AwsServiceException.builder().statusCode(503).build()))
                .isTrue();
    }

    @Test
    void callerErrorsAreNotConnectionFailures() {
        assertThat(
                        SdkErrors.isConnectionFailure(
                                ResourceNotFoundException.builder().statusCode(404).build()))
                .isFalse();
        assertThat(
                        SdkErrors.isConnectionFailure(
                                SdkClientException.builder().message("no region").build()))
                .isFalse();
    }

    @Test
    void abortedExceptionIsAnInterruption() {
        assertThat(SdkErrors.isInterruption(AbortedException.builder().build())).isTrue();
        assertThat(
                        SdkErrors.isInterruption(
                                SdkClientException.builder()
                                        .cause(new InterruptedException())
                                        .build()))
                .isTrue();
        assertThat(
                        SdkErrors.isInterruption(
                                SdkClientException.builder()
                                        .cause(new ConnectException("refused"))
                                        .build()))
                .isFalse();
    }

    @Test
    void interruptedExceptionNamesOperationAndStreamAndConsumesTheInterrupt() {
        Thread.currentThread().interrupt();
        AbortedException cause = AbortedException.builder().build();

        InterruptedException e = SdkErrors.interrupted("ListFragments", CAM, cause);

        assertThat(e).hasMessageContaining("ListFragments").hasMessageContaining("cam-1");
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder().errorCode(code).errorMessage(message).build();
    }
}
