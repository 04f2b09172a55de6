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

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.client.testutils.ScriptedKvsServer;
import dev.kvsflink.connector.kinesisvideo.client.testutils.ScriptedKvsServer.Answer;
import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.RetryOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Errors that retrying cannot fix fail the job at once (one call, no SDK retry, no restart although
 * the job has a restart strategy) with one message naming the operation, the stream, the error
 * type, the service's message and the request id; malformed answers are never skipped.
 */
class KinesisVideoFragmentSourceFailFastITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR = EmulatorExtension.create(b -> b.seed(3));

    private static final int RETRY_ATTEMPTS = 3;

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(10));

    @Test
    void aMissingStreamFailsTheJobAtOnceNamingStreamTypeMessageAndRequestId() {
        Throwable failure = run(List.of("no-such-cam"), EmulatorAwsOptions.of(EMULATOR.emulator()));

        KinesisVideoServiceException e = serviceException(failure);
        assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
        assertNamesEverything(e, "GetDataEndpoint", "no-such-cam");
        assertThat(e.getMessage()).contains("no-such-cam");
        assertThat(EMULATOR.emulator().counters().requests(Operation.GET_DATA_ENDPOINT))
                .isEqualTo(1);
    }

    @Test
    void aWrongSecretKeyFailsTheJobAtOnceWithoutShowingTheKey() {
        EMULATOR.emulator().createStream("cam-denied").append(START.plusSeconds(1));
        Configuration aws = EmulatorAwsOptions.of(EMULATOR.emulator());
        String wrongSecret = "wrongSecretKeyOfTheTest0000000000000000";
        aws.set(AwsClientOptions.AWS_SECRET_ACCESS_KEY, wrongSecret);

        Throwable failure = run(List.of("cam-denied"), aws);

        KinesisVideoServiceException e = serviceException(failure);
        assertThat(e.errorType()).isEqualTo("NotAuthorizedException");
        assertNamesEverything(e, "GetDataEndpoint", "cam-denied");
        assertThat(e.getMessage())
                .contains("the credentials come from aws.credentials.provider BASIC{accessKeyId=")
                .contains("check that the access key id and secret key belong together");
        assertThat(ExceptionUtils.stringifyException(failure)).doesNotContain(wrongSecret);
        assertThat(EMULATOR.emulator().counters().requests(Operation.GET_DATA_ENDPOINT))
                .isEqualTo(1);
    }

    /**
     * No credentials at all, made deterministic: the PROFILE provider with an empty credentials
     * file finds none, as the default chain does on a machine without any (which a test cannot
     * arrange in-process: it reads the environment, ~/.aws and the instance metadata).
     */
    @Test
    void noCredentialsFailTheJobAtOnceNamingTheProviderAndWhatToSet(@TempDir Path dir)
            throws Exception {
        EMULATOR.emulator().createStream("cam-anonymous").append(START.plusSeconds(1));
        Path empty = Files.createFile(dir.resolve("credentials"));
        Configuration aws = EmulatorAwsOptions.of(EMULATOR.emulator());
        aws.set(
                AwsClientOptions.AWS_CREDENTIALS_PROVIDER,
                AwsClientOptions.CredentialsProvider.PROFILE);
        aws.set(AwsClientOptions.AWS_PROFILE_NAME, "reader");
        aws.set(AwsClientOptions.AWS_PROFILE_PATH, empty.toString());

        Throwable failure = run(List.of("cam-anonymous"), aws);

        KinesisVideoServiceException e = serviceException(failure);
        assertThat(e.errorType()).isEqualTo("NoCredentials");
        assertThat(e.getMessage())
                .startsWith(
                        "GetDataEndpoint on stream 'cam-anonymous' failed: NoCredentials:"
                                + " aws.credentials.provider PROFILE found no credentials for"
                                + " profile 'reader' in "
                                + empty)
                .contains("[reader] section holding aws_access_key_id and aws_secret_access_key")
                .doesNotContain("\n");
        assertThat(EMULATOR.emulator().counters().requests(Operation.GET_DATA_ENDPOINT))
                .as("nothing sent")
                .isZero();
    }

    @Test
    void anInvalidArgumentFailsTheJobAtOnce() throws Exception {
        try (ScriptedKvsServer server = new ScriptedKvsServer()) {
            server.answerAlways(
                    Answer.error(400, "InvalidArgumentException", "StartTimestamp is invalid"));

            Throwable failure = run(List.of("cam-1"), scriptedAws(server));

            KinesisVideoServiceException e = serviceException(failure);
            assertThat(e.errorType()).isEqualTo("InvalidArgumentException");
            assertNamesEverything(e, "ListFragments", "cam-1");
            assertThat(e.getMessage()).contains("StartTimestamp is invalid");
            assertThat(server.listFragmentsCalls()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "missing fragment number|{\"Fragments\":[{\"FragmentSizeInBytes\":1,\"ProducerTimestamp\":1767225601.1,\"ServerTimestamp\":1767225601.1,\"FragmentLengthInMilliseconds\":2000}]}|FragmentNumber is missing",
                "unparseable fragment number|{\"Fragments\":[{\"FragmentNumber\":\"12ab\",\"FragmentSizeInBytes\":1,\"ProducerTimestamp\":1767225601.1,\"ServerTimestamp\":1767225601.1,\"FragmentLengthInMilliseconds\":2000}]}|'12ab' is not a decimal number",
                "negative size|{\"Fragments\":[{\"FragmentNumber\":\"123\",\"FragmentSizeInBytes\":-5,\"ProducerTimestamp\":1767225601.1,\"ServerTimestamp\":1767225601.1,\"FragmentLengthInMilliseconds\":2000}]}|FragmentSizeInBytes is -5",
                "missing server timestamp|{\"Fragments\":[{\"FragmentNumber\":\"123\",\"FragmentSizeInBytes\":5,\"ProducerTimestamp\":1767225601.1,\"FragmentLengthInMilliseconds\":2000}]}|ServerTimestamp is missing",
            })
    void aMalformedAnswerFailsTheJobAtOnceNamingTheField(String name, String body, String expected)
            throws Exception {
        try (ScriptedKvsServer server = new ScriptedKvsServer()) {
            server.answerAlways(Answer.ok(body));

            Throwable failure = run(List.of("cam-1"), scriptedAws(server));

            KinesisVideoServiceException e = serviceException(failure);
            assertThat(e.errorType()).isEqualTo("InvalidResponse");
            assertNamesEverything(e, "ListFragments", "cam-1");
            assertThat(e.getMessage()).contains(expected);
            assertThat(server.listFragmentsCalls()).isEqualTo(1);
        }
    }

    @Test
    void anAnswerThatIsNotJsonFailsTheJobWithoutRestartsAfterTheSdkRetries() throws Exception {
        try (ScriptedKvsServer server = new ScriptedKvsServer()) {
            server.answerAlways(Answer.ok("<html>gateway</html>"));

            Throwable failure = run(List.of("cam-1"), scriptedAws(server));

            KinesisVideoServiceException e = serviceException(failure);
            assertThat(e.errorType()).isEqualTo("InvalidResponse");
            assertThat(e.getMessage())
                    .startsWith("ListFragments on stream 'cam-1' failed: InvalidResponse")
                    .contains("could not be parsed", "Unexpected character ('<'");
            // The SDK retries it (a proxy may have answered), but the job does not restart.
            assertThat(server.listFragmentsCalls()).isEqualTo(RETRY_ATTEMPTS);
        }
    }

    // ------------------------------------------------------------------------

    /** Runs a bounded read of {@code streams} with a restart strategy; returns its failure. */
    private static Throwable run(List<String> streams, Configuration aws) {
        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(10));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(1);
        KinesisVideoFragmentSource source =
                KinesisVideoFragmentSource.builder()
                        .streams(streams)
                        .range(START, END)
                        .awsOptions(aws)
                        .build();
        Throwable failure =
                catchThrowable(
                        () ->
                                env.fromSource(source, WatermarkStrategy.noWatermarks(), "kvs")
                                        .executeAndCollect()
                                        .forEachRemaining(new ArrayList<>()::add));
        assertThat(failure).as("the job must fail").isNotNull();
        return failure;
    }

    /** The service error in the failure, which must also have bypassed the restart strategy. */
    private static KinesisVideoServiceException serviceException(Throwable failure) {
        assertThat(ExceptionUtils.findThrowable(failure, SuppressRestartsException.class))
                .as("restarts suppressed")
                .isPresent();
        return ExceptionUtils.findThrowable(failure, KinesisVideoServiceException.class)
                .orElseThrow(() -> new AssertionError("no KinesisVideoServiceException", failure));
    }

    private static void assertNamesEverything(
            KinesisVideoServiceException e, String operation, String stream) {
        assertThat(e.requestId()).isNotBlank();
        assertThat(e.getMessage())
                .startsWith(operation + " on stream '" + stream + "' failed: " + e.errorType())
                .contains("[request id: " + e.requestId() + "]");
    }

    private static Configuration scriptedAws(ScriptedKvsServer server) {
        Configuration aws = new Configuration();
        aws.set(AwsClientOptions.AWS_REGION, "us-east-1");
        aws.set(AwsClientOptions.AWS_ENDPOINT, server.endpoint());
        aws.set(
                AwsClientOptions.AWS_CREDENTIALS_PROVIDER,
                AwsClientOptions.CredentialsProvider.BASIC);
        aws.set(AwsClientOptions.AWS_ACCESS_KEY_ID, "AKIDSCRIPTED");
        aws.set(AwsClientOptions.AWS_SECRET_ACCESS_KEY, "scripted-secret");
        aws.set(RetryOptions.MAX_ATTEMPTS, RETRY_ATTEMPTS);
        return aws;
    }
}
