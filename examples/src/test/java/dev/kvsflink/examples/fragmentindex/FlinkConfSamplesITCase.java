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

package dev.kvsflink.examples.fragmentindex;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.client.SdkKinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions.CredentialsProvider;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;
import dev.kvsflink.examples.config.ConnectorConfiguration;
import dev.kvsflink.examples.testutils.FakeSts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every {@code flink-conf-samples/*.yaml}, loaded as {@code config.yaml} by Flink's own loader:
 * each key must be a Flink option of this Flink version (not a deprecated one) or a connector
 * option, each typed value must parse, the connector must accept the connector options, and the
 * fragment-index job must run with the sample applied, against the emulator.
 *
 * <p>What a run changes, and why: paths and ports that belong to a real cluster (checkpoint and
 * savepoint directories, {@code rest.port}) point at a temporary directory and a free port; the
 * metric reporter is left out (its jar ships in Flink's distribution, not on this classpath).
 * Credentials, so that each style really authenticates: BASIC samples run against an emulator that
 * accepts their key pair; PROFILE writes the profile they name, with the emulator's keys, to a
 * file; AUTO (production, tailing, credentials-auto) gets the emulator's keys as the {@code
 * aws.accessKeyId} and {@code aws.secretAccessKey} system properties, the first link of the SDK's
 * default chain; ASSUME_ROLE and WEB_IDENTITY_TOKEN get {@link FakeSts} as their STS endpoint (and
 * a token file), which hands out the emulator's keys for the sample's role.
 */
class FlinkConfSamplesITCase {

    private static final Path SAMPLES = Path.of("..", "flink-conf-samples");
    private static final Instant START = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(1));
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^([A-Za-z][^:#\\s]*):");
    private static final Pattern REPORTER_KEY =
            Pattern.compile("^metrics\\.reporter\\.([^.]+)\\.(.+)$");

    /** Reporter factories of Flink's distribution, with the options of their own. */
    private static final Map<String, Set<String>> REPORTER_FACTORIES =
            Map.of(
                    "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                    Set.of("port", "filterLabelValueCharacters"),
                    "org.apache.flink.metrics.jmx.JMXReporterFactory",
                    Set.of("port"),
                    "org.apache.flink.metrics.slf4j.Slf4jReporterFactory",
                    Set.of());

    private static final Map<String, ConfigOption<?>> FLINK_OPTIONS = new HashMap<>();
    private static final Map<String, String> DEPRECATED = new HashMap<>();
    private static final Set<String> REPORTER_OPTIONS = new TreeSet<>();

    static {
        scanFlinkOptions();
    }

    @TempDir Path tmp;

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(SAMPLES)) {
            List<String> names =
                    files.map(p -> p.getFileName().toString())
                            .filter(n -> n.endsWith(".yaml"))
                            .sorted()
                            .toList();
            assertThat(names).isNotEmpty();
            return names.stream();
        }
    }

    @Test
    void readmeNamesEverySampleAndEveryCredentialsStyleHasOne() throws IOException {
        String readme = Files.readString(SAMPLES.resolve("README.md"), StandardCharsets.UTF_8);
        List<String> names = samples().toList();
        for (String name : names) {
            assertThat(readme).as("README.md links " + name).contains("(" + name + ")");
        }
        Set<CredentialsProvider> styles = new TreeSet<>();
        for (String name : names) {
            styles.add(load(name).get(AwsClientOptions.AWS_CREDENTIALS_PROVIDER));
        }
        assertThat(styles).containsExactlyInAnyOrder(CredentialsProvider.values());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyKeyIsAKnownOptionAndEveryValueParses(String name) throws IOException {
        Configuration conf = load(name);

        assertThat(conf.keySet())
                .as("keys Flink's loader read from %s", name)
                .containsExactlyInAnyOrderElementsOf(keysWrittenIn(name));
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(conf.keySet())) {
            String problem = check(conf, key);
            if (problem != null) {
                problems.add(key + ": " + problem);
            }
        }
        assertThat(problems).as("unknown, deprecated or invalid keys in " + name).isEmpty();

        // The connector validates every aws.* and source.* value when the source is built.
        KinesisVideoFragmentSource.builder()
                .streams("cam-1")
                .range(START, END)
                .awsOptions(ConnectorConfiguration.awsOptions(conf))
                .sourceOptions(ConnectorConfiguration.sourceOptions(conf))
                .build();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void credentialsAreResolvableWithoutCallingAws(String name) throws Exception {
        Configuration aws = ConnectorConfiguration.awsOptions(load(name));
        CredentialsProvider provider = aws.get(AwsClientOptions.AWS_CREDENTIALS_PROVIDER);

        KinesisVideoFragmentClientFactory factory = SdkKinesisVideoFragmentClient.factory(aws);
        // Building a client builds its SDK credentials provider (and STS client), calling nothing.
        try (KinesisVideoFragmentClient client = factory.create(ClientListener.NO_OP)) {
            assertThat(factory.toString()).contains(provider.name());
        }
        for (String secret :
                List.of(
                        AwsClientOptions.AWS_SECRET_ACCESS_KEY.key(),
                        AwsClientOptions.AWS_SESSION_TOKEN.key())) {
            assertThat(GlobalConfiguration.isSensitive(secret))
                    .as("Flink hides %s in logs and the web UI", secret)
                    .isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void fragmentIndexJobRunsWithTheSampleAgainstTheEmulator(String name) throws Exception {
        Configuration conf = load(name);
        CredentialsProvider provider = conf.get(AwsClientOptions.AWS_CREDENTIALS_PROVIDER);
        Configuration run = forLocalRun(conf);
        String accessKey =
                provider == CredentialsProvider.BASIC
                        ? conf.get(AwsClientOptions.AWS_ACCESS_KEY_ID)
                        : "AKIAEMULATOR00000000";
        String secretKey =
                provider == CredentialsProvider.BASIC
                        ? conf.get(AwsClientOptions.AWS_SECRET_ACCESS_KEY)
                        : "emulator-secret-for-" + name;
        try (KinesisVideoEmulator emulator =
                        KinesisVideoEmulator.builder()
                                .seed(7)
                                .credentials(accessKey, secretKey)
                                .build()
                                .start();
                FakeSts sts = FakeSts.start(accessKey, secretKey)) {
            emulator.addSyntheticStream(
                    "cam-1",
                    SyntheticStreamSpec.builder()
                            .seed(1)
                            .start(START)
                            .interval(Duration.ofSeconds(10))
                            .fragments(400)
                            .build());
            if (provider == CredentialsProvider.PROFILE) {
                Path file = tmp.resolve("aws-credentials");
                Files.writeString(
                        file,
                        String.format(
                                "[%s]%naws_access_key_id = %s%naws_secret_access_key = %s%n",
                                conf.get(AwsClientOptions.AWS_PROFILE_NAME), accessKey, secretKey));
                run.set(AwsClientOptions.AWS_PROFILE_PATH, file.toString());
            }
            if (provider == CredentialsProvider.ASSUME_ROLE
                    || provider == CredentialsProvider.WEB_IDENTITY_TOKEN) {
                run.set(AwsClientOptions.AWS_ROLE_STS_ENDPOINT, sts.endpoint().toString());
            }
            if (provider == CredentialsProvider.WEB_IDENTITY_TOKEN) {
                Path token = Files.writeString(tmp.resolve("token"), "fake-oidc-token");
                run.set(AwsClientOptions.AWS_WEB_IDENTITY_TOKEN_FILE, token.toString());
            }
            List<String> args =
                    List.of(
                            "--region", emulator.region(),
                            "--endpoint", emulator.controlPlaneEndpoint().toString(),
                            "--stream", "cam-1",
                            "--start", START.toString(),
                            "--end", END.toString(),
                            "--output", tmp.resolve("index").toString(),
                            "--parallelism", "2");

            IndexSummary summary;
            if (provider == CredentialsProvider.AUTO) {
                summary = withSystemProperties(accessKey, secretKey, () -> runJob(args, run));
            } else if (provider == CredentialsProvider.ASSUME_ROLE) {
                // The base credentials (aws.credentials.role.provider: AUTO) only sign the call
                // to STS, which hands out the emulator's keys.
                summary =
                        withSystemProperties(
                                "AKIABASE000000000000", "base", () -> runJob(args, run));
            } else {
                summary = runJob(args, run);
            }
            String checkpoints = run.toMap().get("execution.checkpointing.dir");
            if (checkpoints != null) {
                // Flink's options reached the job's MiniCluster: it checkpointed where the
                // sample says (redirected to a temporary directory), a directory per job.
                try (Stream<Path> jobs = Files.list(Path.of(java.net.URI.create(checkpoints)))) {
                    assertThat(jobs).isNotEmpty();
                }
            }
            if (provider == CredentialsProvider.ASSUME_ROLE
                    || provider == CredentialsProvider.WEB_IDENTITY_TOKEN) {
                assertThat(sts.requests())
                        .isNotEmpty()
                        .allSatisfy(
                                r -> {
                                    assertThat(r)
                                            .containsEntry(
                                                    "Action",
                                                    provider == CredentialsProvider.ASSUME_ROLE
                                                            ? "AssumeRole"
                                                            : "AssumeRoleWithWebIdentity")
                                            .containsEntry(
                                                    "RoleArn",
                                                    conf.get(AwsClientOptions.AWS_ROLE_ARN))
                                            .containsEntry(
                                                    "RoleSessionName",
                                                    conf.get(
                                                            AwsClientOptions
                                                                    .AWS_ROLE_SESSION_NAME));
                                });
            } else {
                assertThat(sts.requests()).isEmpty();
            }

            assertThat(summary.streams().get("cam-1").fragments())
                    .isEqualTo(
                            emulator.groundTruth(
                                            "cam-1",
                                            SelectorType.SERVER_TIMESTAMP,
                                            START,
                                            END.minusMillis(1))
                                    .size())
                    .isPositive();
        }
    }

    @Test
    void theJobRefusesAnUnknownConnectorKey() {
        Configuration typo = new Configuration();
        typo.setString("aws.credentials.provder", "BASIC");
        assertThatThrownBy(
                        () ->
                                ConfiguredFragmentIndexJob.run(
                                        List.of("--demo"), typo, false, System.out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("aws.credentials.provder");
    }

    private static IndexSummary runJob(List<String> args, Configuration conf) throws Exception {
        return ConfiguredFragmentIndexJob.run(
                args,
                conf,
                true,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    /** The sample with what belongs to a real cluster replaced, as the class comment says. */
    private Configuration forLocalRun(Configuration sample) throws IOException {
        Map<String, String> map = new HashMap<>(sample.toMap());
        for (String key :
                List.of("execution.checkpointing.dir", "execution.checkpointing.savepoint-dir")) {
            if (map.containsKey(key)) {
                Path dir = Files.createDirectories(tmp.resolve(key));
                map.put(key, dir.toUri().toString());
            }
        }
        if (map.containsKey(RestOptions.PORT.key())) {
            map.put(RestOptions.PORT.key(), "0");
        }
        map.keySet().removeIf(k -> k.startsWith("metrics.reporter"));
        return Configuration.fromMap(map);
    }

    private static <T> T withSystemProperties(
            String accessKey, String secretKey, ThrowingSupplier<T> body) throws Exception {
        String oldKey = System.getProperty("aws.accessKeyId");
        String oldSecret = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", accessKey);
        System.setProperty("aws.secretAccessKey", secretKey);
        try {
            return body.get();
        } finally {
            restore("aws.accessKeyId", oldKey);
            restore("aws.secretAccessKey", oldSecret);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** Why {@code key} is not acceptable, or null if it is. */
    private static String check(Configuration conf, String key) {
        if (ConnectorConfiguration.awsKeys().contains(key)
                || ConnectorConfiguration.sourceKeys().contains(key)) {
            return null; // validated by building the source
        }
        Matcher reporter = REPORTER_KEY.matcher(key);
        if (reporter.matches()) {
            String factory =
                    conf.toMap().get("metrics.reporter." + reporter.group(1) + ".factory.class");
            if (!REPORTER_FACTORIES.containsKey(factory)) {
                return "no factory.class of a reporter shipped with Flink: " + factory;
            }
            String option = reporter.group(2);
            return REPORTER_OPTIONS.contains(option)
                            || REPORTER_FACTORIES.get(factory).contains(option)
                    ? null
                    : "not an option of " + factory;
        }
        if (DEPRECATED.containsKey(key)) {
            return "deprecated in this Flink version: use " + DEPRECATED.get(key);
        }
        ConfigOption<?> option = FLINK_OPTIONS.get(key);
        if (option == null) {
            return "not an option of this Flink version nor of the connector";
        }
        try {
            conf.get(option);
            return null;
        } catch (RuntimeException e) {
            return "invalid value '" + conf.toMap().get(key) + "': " + e.getMessage();
        }
    }

    private Configuration load(String name) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "conf");
        Files.copy(SAMPLES.resolve(name), dir.resolve("config.yaml"));
        return GlobalConfiguration.loadConfiguration(dir.toString());
    }

    /** The top-level keys as written in the file, so that nothing the loader drops goes unseen. */
    private static Set<String> keysWrittenIn(String name) throws IOException {
        Set<String> keys = new TreeSet<>();
        for (String line : Files.readAllLines(SAMPLES.resolve(name), StandardCharsets.UTF_8)) {
            Matcher m = TOP_LEVEL_KEY.matcher(line);
            if (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    /**
     * Indexes the {@code ConfigOption} constants of Flink's {@code *Options} classes in the jars of
     * flink-core, flink-runtime, flink-streaming-java and flink-clients, plus the source reader's:
     * the options a cluster's {@code config.yaml} can hold in this Flink version.
     */
    private static void scanFlinkOptions() {
        Set<Class<?>> holders = new java.util.LinkedHashSet<>();
        holders.add(SourceReaderOptions.class);
        for (Class<?> anchor :
                List.of(
                        CoreOptions.class,
                        JobGraph.class,
                        StreamExecutionEnvironment.class,
                        org.apache.flink.client.cli.CliFrontend.class)) {
            holders.addAll(optionClassesInJarOf(anchor));
        }
        for (Class<?> holder : holders) {
            for (Field field : holder.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())
                        || !ConfigOption.class.isAssignableFrom(field.getType())) {
                    continue;
                }
                ConfigOption<?> option;
                try {
                    field.setAccessible(true);
                    option = (ConfigOption<?>) field.get(null);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    continue;
                }
                if (holder == MetricOptions.class && !option.key().startsWith("metrics.")) {
                    REPORTER_OPTIONS.add(option.key()); // metrics.reporter.<name>.<key>
                    continue;
                }
                if (field.isAnnotationPresent(Deprecated.class)) {
                    DEPRECATED.putIfAbsent(
                            option.key(), "(see the Flink docs of " + holder.getSimpleName() + ")");
                } else {
                    FLINK_OPTIONS.put(option.key(), option);
                }
                for (FallbackKey fallback : option.fallbackKeys()) {
                    DEPRECATED.putIfAbsent(fallback.getKey(), option.key());
                }
            }
        }
        DEPRECATED.keySet().removeAll(FLINK_OPTIONS.keySet());
    }

    private static List<Class<?>> optionClassesInJarOf(Class<?> anchor) {
        List<Class<?>> classes = new ArrayList<>();
        File jar;
        try {
            jar = new File(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (JarFile file = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = file.entries(); e.hasMoreElements(); ) {
                String entry = e.nextElement().getName();
                if (entry.startsWith("org/apache/flink/")
                        && entry.endsWith("Options.class")
                        && !entry.contains("$")) {
                    String className = entry.substring(0, entry.length() - 6).replace('/', '.');
                    try {
                        classes.add(Class.forName(className, false, anchor.getClassLoader()));
                    } catch (ReflectiveOperationException | LinkageError skipped) {
                        // an options class whose dependencies are not on this classpath
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + jar, e);
        }
        return classes;
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
