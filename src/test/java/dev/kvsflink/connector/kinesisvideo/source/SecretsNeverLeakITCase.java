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
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.ExceptionUtils;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.testutils.CapturedLogs;
import dev.kvsflink.connector.kinesisvideo.testutils.EmulatorAwsOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelector;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.TimestampRange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Access keys, secret keys, session tokens and NextTokens never appear in anything the job logs, at
 * any level down to DEBUG and from any logger (Flink's, the SDK's, Apache HttpClient's, ours) but
 * the three {@link CapturedLogs#LOGGERS_TO_KEEP_QUIET} that {@code docs/operations.md} names, nor
 * in its failures. Apache HttpClient logs through commons-logging, bridged to log4j2 by {@code
 * log4j-jcl} (a test dependency), so its events are scanned too.
 */
class SecretsNeverLeakITCase {

    private static final String ACCESS_KEY = "AKIASECRETSTEST12345";
    private static final String SECRET_KEY = "sEcReTkEy/OfThisTest+0123456789abcdefghij";
    private static final String SESSION_TOKEN = "SeSsIoNtOkEnOfThisTest0123456789";

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(
                    b -> b.seed(5).tpsPerStream(0).credentials(ACCESS_KEY, SECRET_KEY));

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));

    private static final List<String> LOGGERS_TO_KEEP_QUIET = CapturedLogs.LOGGERS_TO_KEEP_QUIET;

    /** Base64 runs long enough to be one of the emulator's NextTokens. */
    private static final Pattern BASE64_RUN = Pattern.compile("[A-Za-z0-9+/]{40,}={0,2}");

    @BeforeAll
    static void createStream() {
        EMULATOR.emulator()
                .addSyntheticStream(
                        "secret-cam",
                        SyntheticStreamSpec.builder()
                                .seed(1)
                                .fragments(1_000)
                                .start(START)
                                .build());
    }

    @Test
    void aJobLogsNoKeyTokenOrNextTokenEvenAtDebug() throws Exception {
        try (CapturedLogs logs = CapturedLogs.startWithQuiet(LOGGERS_TO_KEEP_QUIET)) {
            List<KinesisVideoFragment> result = new ArrayList<>();
            env().fromSource(source(aws(SECRET_KEY)), WatermarkStrategy.noWatermarks(), "kvs")
                    .executeAndCollect()
                    .forEachRemaining(result::add);

            assertThat(result)
                    .hasSize(
                            EMULATOR.emulator()
                                    .groundTruth(
                                            "secret-cam",
                                            dev.kvsflink.connector.kinesisvideo.emulator
                                                    .SelectorType.SERVER_TIMESTAMP,
                                            START,
                                            END.minusMillis(1))
                                    .size());
            String text = logs.text();
            assertThat(logs.size()).as("DEBUG events captured").isGreaterThan(100);
            assertThat(text).contains("ListFragmentsRequest{"); // our DEBUG lines were captured
            assertThat(linesContaining(text, ACCESS_KEY, SECRET_KEY, SESSION_TOKEN)).isEmpty();
            assertThat(nextTokensIn(text)).isEmpty();
        }
    }

    @Test
    void aFailedJobShowsNoKeyOrTokenInItsFailureOrLogs() throws Exception {
        String wrongSecret = "wRoNgSeCrEtKeY/0123456789abcdefghijklmnop";
        try (CapturedLogs logs = CapturedLogs.startWithQuiet(LOGGERS_TO_KEEP_QUIET)) {
            Throwable failure =
                    catchThrowable(
                            () ->
                                    env().fromSource(
                                                    source(aws(wrongSecret)),
                                                    WatermarkStrategy.noWatermarks(),
                                                    "kvs")
                                            .executeAndCollect()
                                            .forEachRemaining(f -> {}));

            assertThat(failure).isNotNull();
            String text = ExceptionUtils.stringifyException(failure) + "\n" + logs.text();
            assertThat(text).contains("NotAuthorizedException");
            assertThat(linesContaining(text, ACCESS_KEY, wrongSecret, SESSION_TOKEN)).isEmpty();
        }
    }

    @Test
    void apacheHttpClientsDebugEventsReachTheScan() throws Exception {
        try (CapturedLogs logs = CapturedLogs.startWithQuiet(LOGGERS_TO_KEEP_QUIET)) {
            env().fromSource(source(aws(SECRET_KEY)), WatermarkStrategy.noWatermarks(), "kvs")
                    .executeAndCollect()
                    .forEachRemaining(f -> {});

            // Without the commons-logging bridge these go to java.util.logging, unseen.
            assertThat(logs.debugEventsOf("org.apache.http.")).isPositive();
            assertThat(logs.textOf("org.apache.http.impl.execchain.MainClientExec"))
                    .contains("Executing request POST /listFragments");
        }
    }

    @Test
    void eachLoggerToKeepQuietPrintsTheSessionTokenAtDebugButNeverTheSecretKey() throws Exception {
        try (CapturedLogs logs = CapturedLogs.start()) {
            env().fromSource(source(aws(SECRET_KEY)), WatermarkStrategy.noWatermarks(), "kvs")
                    .executeAndCollect()
                    .forEachRemaining(f -> {});

            // If a library stops printing it, that logger can leave the list (and the docs).
            for (String logger : LOGGERS_TO_KEEP_QUIET) {
                assertThat(logs.textOf(logger)).as(logger).contains(SESSION_TOKEN);
            }
            assertThat(linesContaining(logs.text(), SECRET_KEY)).isEmpty();
        }
    }

    @Test
    void theOperationsGuideNamesEachLoggerToKeepQuiet() throws Exception {
        String guide = Files.readString(Path.of("..", "docs", "operations.md"));

        for (String logger : LOGGERS_TO_KEEP_QUIET) {
            assertThat(guide).contains("`" + logger + "`");
        }
    }

    @Test
    void theNextTokenDetectorFindsARealNextToken() {
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient("secret-cam")) {
            String token =
                    media.listFragments(
                                    r ->
                                            r.streamName("secret-cam")
                                                    .maxResults(10L)
                                                    .fragmentSelector(
                                                            FragmentSelector.builder()
                                                                    .fragmentSelectorType(
                                                                            FragmentSelectorType
                                                                                    .SERVER_TIMESTAMP)
                                                                    .timestampRange(
                                                                            TimestampRange.builder()
                                                                                    .startTimestamp(
                                                                                            START)
                                                                                    .endTimestamp(
                                                                                            END)
                                                                                    .build())
                                                                    .build()))
                            .nextToken();

            assertThat(nextTokensIn("page -> \"NextToken\":\"" + token + "\"")).hasSize(1);
        }
    }

    // ------------------------------------------------------------------------

    /** The lines of {@code text} that contain any of {@code secrets}: short failure messages. */
    private static List<String> linesContaining(String text, String... secrets) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    lines.add(line.length() > 300 ? line.substring(0, 300) : line);
                    break;
                }
            }
        }
        return lines;
    }

    /** The emulator's NextTokens in {@code text}: Base64 whose bytes name the stream's ARN. */
    private static List<String> nextTokensIn(String text) {
        byte[] arn = EMULATOR.emulator().streamArn("secret-cam").getBytes(StandardCharsets.UTF_8);
        List<String> found = new ArrayList<>();
        Matcher m = BASE64_RUN.matcher(text);
        while (m.find()) {
            byte[] decoded;
            try {
                decoded = Base64.getDecoder().decode(m.group());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (indexOf(decoded, arn) >= 0) {
                int from = Math.max(0, m.start() - 150);
                found.add(text.substring(from, m.end()));
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    private static Configuration aws(String secretKey) {
        Configuration aws = EmulatorAwsOptions.of(EMULATOR.emulator());
        aws.set(AwsClientOptions.AWS_SECRET_ACCESS_KEY, secretKey);
        aws.set(AwsClientOptions.AWS_SESSION_TOKEN, SESSION_TOKEN);
        return aws;
    }

    private static KinesisVideoFragmentSource source(Configuration aws) {
        Configuration options = new Configuration();
        // Small pages and windows: many continuation calls, each with a NextToken.
        options.set(KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE, Duration.ofMinutes(5));
        options.set(KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS, 200);
        options.set(KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS, 50);
        options.set(KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET, 5.0);
        return KinesisVideoFragmentSource.builder()
                .streams("secret-cam")
                .range(START, END)
                .awsOptions(aws)
                .sourceOptions(options)
                .build();
    }
}
