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

import dev.kvsflink.connector.kinesisvideo.client.testutils.RecordingListener;
import dev.kvsflink.connector.kinesisvideo.client.testutils.ScriptedKvsServer;
import dev.kvsflink.connector.kinesisvideo.client.testutils.ScriptedKvsServer.Answer;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests the SDK wiring of {@link SdkKinesisVideoFragmentClient} (endpoint cache, retry strategy,
 * listener interceptor, interruption) against an in-process {@link ScriptedKvsServer}.
 */
class SdkKinesisVideoFragmentClientTest {

    private static final StreamRef CAM = StreamRef.ofName("cam-1");
    private static final StreamRef CAM_2 = StreamRef.ofName("cam-2");
    private static final String TOKEN = "AAEAAXh5ek5leHRUb2tlbjEyMw==";

    private ScriptedKvsServer server;
    private RecordingListener listener;
    private SdkKinesisVideoFragmentClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedKvsServer();
        listener = new RecordingListener();
        client = client(Map.of());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void listsAPageThroughTheResolvedDataEndpoint() throws Exception {
        FragmentPage page = client.listFragments(request(CAM, null));

        assertThat(page.fragments()).hasSize(1);
        assertThat(page.fragments().get(0).fragmentNumber())
                .isEqualTo("91343852333181432392682062607743920146264772710");
        assertThat(page.fragments().get(0).producerTimestamp())
                .isEqualTo(Instant.parse("2026-01-01T00:00:01.123Z"));
        assertThat(client.cachedDataEndpoint(CAM)).isEqualTo(URI.create(server.endpoint()));
    }

    @Test
    void requestSendsStreamNameSelectorAndTokenOnTheWire() throws Exception {
        client.listFragments(request(CAM, TOKEN));

        assertThat(server.listFragmentsBodies().get(0))
                .contains("\"StreamName\":\"cam-1\"")
                .contains("\"NextToken\":\"" + TOKEN + "\"")
                .contains("\"FragmentSelectorType\":\"SERVER_TIMESTAMP\"")
                .contains("\"StartTimestamp\":1767225600")
                .doesNotContain("StreamARN");
    }

    @Test
    void getDataEndpointIsCalledOncePerStream() throws Exception {
        client.listFragments(request(CAM, null));
        client.listFragments(request(CAM, null));
        client.listFragments(request(CAM_2, null));
        client.listFragments(request(CAM_2, null));

        assertThat(server.getDataEndpointCalls()).isEqualTo(2);
        assertThat(server.listFragmentsCalls()).isEqualTo(4);
    }

    @Test
    void throttledListFragmentsIsLeftToTheCallerToResend() throws Exception {
        server.script(Answer.error(400, "ClientLimitExceededException", "Slow down"));

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOfSatisfying(
                        KinesisVideoServiceException.class,
                        e -> assertThat(e.isThrottling()).isTrue());
        assertThat(server.listFragmentsCalls()).isEqualTo(1);
    }

    @Test
    void listenerHearsEveryAttemptThrottleAndRetry() throws Exception {
        server.script(
                Answer.error(400, "ClientLimitExceededException", "Slow down"),
                Answer.error(500, "InternalFailure", "oops"));

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOf(KinesisVideoServiceException.class);
        client.listFragments(request(CAM, null));

        assertThat(listener.events())
                .containsExactly(
                        "sent GetDataEndpoint cam-1",
                        "sent ListFragments cam-1",
                        "throttled ListFragments cam-1",
                        "sent ListFragments cam-1",
                        "retried ListFragments cam-1",
                        "sent ListFragments cam-1");
        assertThat(listener.retryReasons()).containsExactly("InternalFailure (HTTP 500)");
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        server.script(
                Answer.error(500, "InternalFailure", "oops"), Answer.error(503, null, "busy"));

        client.listFragments(request(CAM, null));

        assertThat(server.listFragmentsCalls()).isEqualTo(3);
        assertThat(listener.retryReasons())
                .containsExactly("InternalFailure (HTTP 500)", "(HTTP 503)");
    }

    @Test
    void callerErrorFailsAtOnceWithTypeMessageRequestIdAndStream() {
        server.script(Answer.error(404, "ResourceNotFoundException", "Stream not found"));

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOfSatisfying(
                        KinesisVideoServiceException.class,
                        e -> {
                            assertThat(e.operation()).isEqualTo("ListFragments");
                            assertThat(e.stream()).isEqualTo("cam-1");
                            assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
                            assertThat(e.statusCode()).isEqualTo(404);
                            assertThat(e.requestId()).startsWith("req-");
                        })
                .hasMessageContaining("Stream not found");
        assertThat(server.listFragmentsCalls()).isEqualTo(1);
    }

    @Test
    void tokenQuotedInAnErrorNeverReachesTheException() {
        server.script(
                Answer.error(400, "InvalidArgumentException", "NextToken " + TOKEN + " expired"));

        assertThatThrownBy(() -> client.listFragments(request(CAM, TOKEN)))
                .isInstanceOf(KinesisVideoServiceException.class)
                .hasMessageContaining("NextToken <redacted> expired")
                .satisfies(e -> assertThat(stackTraceOf(e)).doesNotContain(TOKEN));
    }

    @Test
    void serverErrorStreakDropsTheDataEndpointAndTheNextCallResolvesItAgain() throws Exception {
        client.listFragments(request(CAM, null));
        server.script(
                Answer.error(500, "InternalFailure", "a"),
                Answer.error(500, "InternalFailure", "b"),
                Answer.error(500, "InternalFailure", "c"));

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOf(KinesisVideoServiceException.class);
        assertThat(client.cachedDataEndpoint(CAM)).isNull();

        client.listFragments(request(CAM, null));
        assertThat(server.getDataEndpointCalls()).isEqualTo(2);
    }

    @Test
    void callerErrorKeepsTheDataEndpoint() throws Exception {
        client.listFragments(request(CAM, null));
        server.script(Answer.error(400, "InvalidArgumentException", "bad range"));

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOf(KinesisVideoServiceException.class);

        assertThat(client.cachedDataEndpoint(CAM)).isNotNull();
    }

    @Test
    void callOnAnInterruptedThreadThrowsInterruptedExceptionWithoutSending() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOf(InterruptedException.class);
        assertThat(server.getDataEndpointCalls()).isZero();
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void interruptWhileRetryingThrowsInterruptedException() throws Exception {
        client.close();
        // Long backoffs: the interrupt lands in a backoff (or between attempts), never after all.
        client =
                client(
                        Map.of(
                                "aws.retry-strategy.attempts.max", "50",
                                "aws.retry-strategy.delay.base", "1 s",
                                "aws.retry-strategy.delay.max", "60 s"));
        server.answerAlways(Answer.error(503, "ServiceUnavailable", "busy"));
        CompletableFuture<Thread> caller = new CompletableFuture<>();
        CompletableFuture<FragmentPage> result =
                CompletableFuture.supplyAsync(
                        () -> {
                            caller.complete(Thread.currentThread());
                            try {
                                return client.listFragments(request(CAM, null));
                            } catch (InterruptedException e) {
                                throw new InterruptedMarker(e);
                            }
                        });

        server.awaitListFragmentsCalls(2);
        caller.get().interrupt();

        assertThatThrownBy(result::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(InterruptedMarker.class)
                .cause()
                .isInstanceOf(InterruptedException.class)
                .hasMessageContaining("cam-1");
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        client.close();
        client.close();

        assertThatThrownBy(() -> client.listFragments(request(CAM, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("The client is closed");
    }

    private SdkKinesisVideoFragmentClient client(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>();
        options.put("aws.region", "us-east-1");
        options.put("aws.endpoint", server.endpoint());
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", "AKIDEXAMPLE");
        options.put("aws.credentials.basic.secretkey", "secret");
        options.put("aws.retry-strategy.attempts.max", "3");
        options.put("aws.retry-strategy.delay.base", "1 ms");
        options.put("aws.retry-strategy.delay.max", "5 ms");
        options.putAll(extra);
        return new SdkKinesisVideoFragmentClient(
                AwsClientSettings.fromConfiguration(Configuration.fromMap(options)),
                listener,
                RequestGate.OPEN);
    }

    private static ListFragmentsRequest request(StreamRef stream, String token) {
        return new ListFragmentsRequest(
                stream,
                FragmentSelectorType.SERVER_TIMESTAMP,
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T01:00:00Z"),
                1000,
                token);
    }

    private static String stackTraceOf(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }

    /** Carries an {@link InterruptedException} out of a supplier. */
    private static final class InterruptedMarker extends RuntimeException {
        InterruptedMarker(InterruptedException cause) {
            super(cause);
        }
    }
}
