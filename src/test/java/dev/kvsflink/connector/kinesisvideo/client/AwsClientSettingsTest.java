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
import org.apache.flink.configuration.IllegalConfigurationException;
import org.apache.flink.util.InstantiationUtil;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions.CredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tests for {@link AwsClientSettings#fromConfiguration} and the factory built on it. */
class AwsClientSettingsTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN";
    private static final String ROLE = "arn:aws:iam::123456789012:role/kvs-reader";

    @Test
    void minimalOptionsGiveTheDocumentedDefaults() {
        AwsClientSettings settings = read(Map.of("aws.region", "us-east-1"));

        assertThat(settings.region()).isEqualTo("us-east-1");
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.credentials()).isEqualTo(CredentialsSettings.auto());
        assertThat(settings.retry())
                .isEqualTo(
                        new AwsClientSettings.Retry(
                                10, Duration.ofMillis(100), Duration.ofSeconds(10)));
        assertThat(settings.http())
                .isEqualTo(
                        new AwsClientSettings.Http(
                                Duration.ofSeconds(5), Duration.ofSeconds(30), 10));
    }

    @Test
    void endpointAndTuningOptionsAreCopied() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "eu-west-1",
                                "aws.endpoint", "http://127.0.0.1:4566",
                                "aws.retry-strategy.attempts.max", "3",
                                "aws.retry-strategy.delay.base", "50 ms",
                                "aws.retry-strategy.delay.max", "2 s",
                                "aws.http-client.connection-timeout", "1 s",
                                "aws.http-client.socket-timeout", "4 s",
                                "aws.http-client.max-connections", "2"));

        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.retry())
                .isEqualTo(
                        new AwsClientSettings.Retry(
                                3, Duration.ofMillis(50), Duration.ofSeconds(2)));
        assertThat(settings.http())
                .isEqualTo(
                        new AwsClientSettings.Http(
                                Duration.ofSeconds(1), Duration.ofSeconds(4), 2));
    }

    @Test
    void basicCredentialsKeepTheOptionalSessionToken() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE",
                                "aws.credentials.basic.secretkey", SECRET,
                                "aws.credentials.basic.sessiontoken", SESSION_TOKEN));

        assertThat(settings.credentials())
                .isEqualTo(CredentialsSettings.basic("AKIDEXAMPLE", SECRET, SESSION_TOKEN));
    }

    @Test
    void profileCredentialsTakeNameAndPath() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "PROFILE",
                                "aws.credentials.profile.name", "video",
                                "aws.credentials.profile.path", "/etc/aws/credentials"));

        assertThat(settings.credentials())
                .isEqualTo(CredentialsSettings.profile("video", "/etc/aws/credentials"));
    }

    @Test
    void assumeRoleUsesTheDefaultChainAsBaseUnlessTold() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "flink-kvs",
                                "aws.credentials.role.externalId", "ext-42"));

        assertThat(settings.credentials())
                .isEqualTo(
                        CredentialsSettings.assumeRole(
                                ROLE, "flink-kvs", "ext-42", CredentialsSettings.auto(), null));
    }

    @Test
    void assumeRoleTakesItsBaseCredentialsFromTheSameKeys() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "flink-kvs",
                                "aws.credentials.role.provider", "BASIC",
                                "aws.credentials.role.stsEndpoint", "https://sts.example.com",
                                "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE",
                                "aws.credentials.basic.secretkey", SECRET));

        assertThat(settings.credentials())
                .isEqualTo(
                        CredentialsSettings.assumeRole(
                                ROLE,
                                "flink-kvs",
                                null,
                                CredentialsSettings.basic("AKIDEXAMPLE", SECRET, null),
                                URI.create("https://sts.example.com")));
    }

    @Test
    void webIdentityTakesTokenFileRoleAndSessionName() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "WEB_IDENTITY_TOKEN",
                                "aws.credentials.webIdentityToken.file", "/var/run/token",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "flink-kvs"));

        assertThat(settings.credentials())
                .isEqualTo(
                        CredentialsSettings.webIdentity("/var/run/token", ROLE, "flink-kvs", null));
    }

    static Stream<Arguments> invalidOptions() {
        return Stream.of(
                invalid("missing region", Map.of(), "Missing option 'aws.region'"),
                invalid("blank region", Map.of("aws.region", "  "), "Missing option 'aws.region'"),
                invalid(
                        "region not in AWS form",
                        Map.of("aws.region", "US East 1"),
                        "'US East 1' for option 'aws.region'",
                        "us-east-1"),
                invalid(
                        "endpoint not a URI",
                        Map.of("aws.region", "us-east-1", "aws.endpoint", "http://bad host:1"),
                        "'http://bad host:1' for option 'aws.endpoint'",
                        "absolute http or https URI"),
                invalid(
                        "endpoint without scheme",
                        Map.of("aws.region", "us-east-1", "aws.endpoint", "localhost:4566"),
                        "'localhost:4566' for option 'aws.endpoint'"),
                invalid(
                        "endpoint with another scheme",
                        Map.of("aws.region", "us-east-1", "aws.endpoint", "ftp://host"),
                        "'ftp://host' for option 'aws.endpoint'"),
                invalid(
                        "unknown credentials provider",
                        Map.of("aws.region", "us-east-1", "aws.credentials.provider", "MAGIC"),
                        "'MAGIC' for option 'aws.credentials.provider'",
                        "AUTO, BASIC, PROFILE, ASSUME_ROLE, WEB_IDENTITY_TOKEN"),
                invalid(
                        "BASIC without keys",
                        Map.of("aws.region", "us-east-1", "aws.credentials.provider", "BASIC"),
                        "Missing option 'aws.credentials.basic.accesskeyid'",
                        "aws.credentials.provider is BASIC"),
                invalid(
                        "BASIC without secret key",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE"),
                        "Missing option 'aws.credentials.basic.secretkey'"),
                invalid(
                        "PROFILE without name",
                        Map.of("aws.region", "us-east-1", "aws.credentials.provider", "PROFILE"),
                        "Missing option 'aws.credentials.profile.name'"),
                invalid(
                        "ASSUME_ROLE without role",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.sessionName", "s1"),
                        "Missing option 'aws.credentials.role.arn'"),
                invalid(
                        "ASSUME_ROLE without session name",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE),
                        "Missing option 'aws.credentials.role.sessionName'"),
                invalid(
                        "ASSUME_ROLE with a malformed role",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", "kvs-reader",
                                "aws.credentials.role.sessionName", "s1"),
                        "'kvs-reader' for option 'aws.credentials.role.arn'",
                        "IAM role ARN"),
                invalid(
                        "ASSUME_ROLE with a malformed session name",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "has space"),
                        "'has space' for option 'aws.credentials.role.sessionName'"),
                invalid(
                        "ASSUME_ROLE over ASSUME_ROLE",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "s1",
                                "aws.credentials.role.provider", "ASSUME_ROLE"),
                        "'ASSUME_ROLE' for option 'aws.credentials.role.provider'",
                        "[AUTO, BASIC, PROFILE, WEB_IDENTITY_TOKEN]"),
                invalid(
                        "ASSUME_ROLE over BASIC without keys",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "s1",
                                "aws.credentials.role.provider", "BASIC"),
                        "Missing option 'aws.credentials.basic.accesskeyid'",
                        "aws.credentials.role.provider is BASIC"),
                invalid(
                        "STS endpoint not a URI",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "s1",
                                "aws.credentials.role.stsEndpoint", "sts"),
                        "'sts' for option 'aws.credentials.role.stsEndpoint'"),
                invalid(
                        "WEB_IDENTITY_TOKEN without token file",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "WEB_IDENTITY_TOKEN",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "s1"),
                        "Missing option 'aws.credentials.webIdentityToken.file'"),
                invalid(
                        "attempts < 1",
                        Map.of("aws.region", "us-east-1", "aws.retry-strategy.attempts.max", "0"),
                        "'0' for option 'aws.retry-strategy.attempts.max'",
                        "integer >= 1"),
                invalid(
                        "attempts not a number",
                        Map.of("aws.region", "us-east-1", "aws.retry-strategy.attempts.max", "ten"),
                        "'ten' for option 'aws.retry-strategy.attempts.max'"),
                invalid(
                        "zero base delay",
                        Map.of("aws.region", "us-east-1", "aws.retry-strategy.delay.base", "0 ms"),
                        "option 'aws.retry-strategy.delay.base'",
                        "positive duration"),
                invalid(
                        "max backoff under the base delay",
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.retry-strategy.delay.base", "2 s",
                                "aws.retry-strategy.delay.max", "1 s"),
                        "option 'aws.retry-strategy.delay.max'",
                        ">= aws.retry-strategy.delay.base"),
                invalid(
                        "socket timeout not a duration",
                        Map.of("aws.region", "us-east-1", "aws.http-client.socket-timeout", "soon"),
                        "'soon' for option 'aws.http-client.socket-timeout'"),
                invalid(
                        "no connections",
                        Map.of("aws.region", "us-east-1", "aws.http-client.max-connections", "0"),
                        "'0' for option 'aws.http-client.max-connections'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOptions")
    void invalidOptionsFailNamingKeyValueAndWhatIsAllowed(
            String description, Map<String, String> options, String[] expectedFragments) {
        assertThatThrownBy(() -> SdkKinesisVideoFragmentClient.factory(config(options)))
                .isInstanceOf(IllegalConfigurationException.class)
                .hasMessageContainingAll(expectedFragments);
    }

    @Test
    void aMissingSecretKeyIsNamedWithoutShowingOtherValues() {
        Map<String, String> options =
                Map.of(
                        "aws.region", "us-east-1",
                        "aws.credentials.provider", "BASIC",
                        "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE",
                        "aws.credentials.basic.sessiontoken", SESSION_TOKEN);

        assertThatThrownBy(() -> read(options))
                .hasMessageContaining("aws.credentials.basic.secretkey")
                .hasMessageNotContaining(SESSION_TOKEN);
    }

    @Test
    void toStringNeverShowsAccessKeyIdSecretKeySessionTokenOrExternalId() {
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "ASSUME_ROLE",
                                "aws.credentials.role.arn", ROLE,
                                "aws.credentials.role.sessionName", "flink-kvs",
                                "aws.credentials.role.externalId", "ext-secret-42",
                                "aws.credentials.role.provider", "BASIC",
                                "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE",
                                "aws.credentials.basic.secretkey", SECRET,
                                "aws.credentials.basic.sessiontoken", SESSION_TOKEN));

        assertThat(settings.toString())
                .contains("****MPLE", ROLE)
                .doesNotContain("AKIDEXAMPLE", SECRET, SESSION_TOKEN, "ext-secret-42");
    }

    @Test
    void factoryToStringNeverShowsTheSecretKey() {
        KinesisVideoFragmentClientFactory factory =
                SdkKinesisVideoFragmentClient.factory(config(basicOptions()));

        assertThat(factory.toString())
                .contains("BASIC")
                .doesNotContain("AKIDEXAMPLE", SECRET, SESSION_TOKEN);
    }

    @Test
    void factorySurvivesJavaSerialization() throws Exception {
        KinesisVideoFragmentClientFactory factory =
                SdkKinesisVideoFragmentClient.factory(config(basicOptions()));

        KinesisVideoFragmentClientFactory copy =
                InstantiationUtil.clone(factory, getClass().getClassLoader());

        assertThat(copy).isEqualTo(factory).isNotSameAs(factory);
    }

    @Test
    void credentialsProviderNameIsCaseInsensitiveLikeFlinkEnums() {
        // Flink's enum options accept any case: documenting that "basic" works as BASIC does.
        AwsClientSettings settings =
                read(
                        Map.of(
                                "aws.region", "us-east-1",
                                "aws.credentials.provider", "basic",
                                "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE",
                                "aws.credentials.basic.secretkey", SECRET));

        assertThat(settings.credentials().provider()).isEqualTo(CredentialsProvider.BASIC);
    }

    private static Map<String, String> basicOptions() {
        return Map.of(
                "aws.region", "us-east-1",
                "aws.credentials.provider", "BASIC",
                "aws.credentials.basic.accesskeyid", "AKIDEXAMPLE",
                "aws.credentials.basic.secretkey", SECRET,
                "aws.credentials.basic.sessiontoken", SESSION_TOKEN);
    }

    private static Arguments invalid(
            String description, Map<String, String> options, String... expectedFragments) {
        return Arguments.of(description, options, expectedFragments);
    }

    private static AwsClientSettings read(Map<String, String> options) {
        return AwsClientSettings.fromConfiguration(config(options));
    }

    private static Configuration config(Map<String, String> options) {
        return Configuration.fromMap(options);
    }
}
