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

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link dev.kvsflink.connector.kinesisvideo.client.AwsCredentials} builds the SDK's own
 * providers.
 */
class AwsCredentialsTest {

    private static final String ROLE = "arn:aws:iam::123456789012:role/kvs-reader";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @TempDir Path dir;

    private final SdkHttpClient http = ApacheHttpClient.builder().build();

    @AfterEach
    void closeHttp() {
        http.close();
    }

    @Test
    void autoIsTheSdkDefaultChain() {
        try (var credentials = create(CredentialsSettings.auto())) {
            assertThat(credentials.sdkProvider()).isInstanceOf(DefaultCredentialsProvider.class);
        }
    }

    @Test
    void basicGivesTheConfiguredKeys() {
        try (var credentials = create(CredentialsSettings.basic("AKIDEXAMPLE", SECRET, null))) {
            AwsCredentials resolved = credentials.provider().resolveCredentials();

            assertThat(credentials.sdkProvider()).isInstanceOf(StaticCredentialsProvider.class);
            assertThat(resolved.accessKeyId()).isEqualTo("AKIDEXAMPLE");
            assertThat(resolved.secretAccessKey()).isEqualTo(SECRET);
            assertThat(resolved).isNotInstanceOf(AwsSessionCredentials.class);
        }
    }

    @Test
    void basicWithSessionTokenGivesSessionCredentials() {
        try (var credentials =
                create(CredentialsSettings.basic("AKIDEXAMPLE", SECRET, "token-1"))) {
            assertThat(credentials.provider().resolveCredentials())
                    .isInstanceOfSatisfying(
                            AwsSessionCredentials.class,
                            c -> assertThat(c.sessionToken()).isEqualTo("token-1"));
        }
    }

    @Test
    void basicProviderToStringDoesNotShowTheSecret() {
        try (var credentials =
                create(CredentialsSettings.basic("AKIDEXAMPLE", SECRET, "token-1"))) {
            assertThat(credentials.provider().toString())
                    .doesNotContain(SECRET)
                    .doesNotContain("token-1");
            assertThat(credentials.provider().resolveCredentials().toString())
                    .doesNotContain(SECRET)
                    .doesNotContain("token-1");
        }
    }

    @Test
    void profileReadsTheNamedProfileFromTheGivenFile() throws Exception {
        Path file = dir.resolve("credentials");
        Files.writeString(
                file,
                "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s0\n"
                        + "[video]\naws_access_key_id = AKIDVIDEO\naws_secret_access_key = s1\n");

        try (var credentials = create(CredentialsSettings.profile("video", file.toString()))) {
            assertThat(credentials.sdkProvider()).isInstanceOf(ProfileCredentialsProvider.class);
            assertThat(credentials.provider().resolveCredentials().accessKeyId())
                    .isEqualTo("AKIDVIDEO");
        }
    }

    @Test
    void assumeRoleIsTheSdkStsProvider() {
        CredentialsSettings settings =
                CredentialsSettings.assumeRole(
                        ROLE,
                        "flink-kvs",
                        "ext",
                        CredentialsSettings.basic("AKIDEXAMPLE", SECRET, null),
                        URI.create("http://127.0.0.1:1"));

        try (var credentials = create(settings)) {
            assertThat(credentials.sdkProvider())
                    .isInstanceOf(StsAssumeRoleCredentialsProvider.class);
        }
    }

    @Test
    void webIdentityIsTheSdkStsTokenFileProvider() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOi.example.token");
        CredentialsSettings settings =
                CredentialsSettings.webIdentity(
                        token.toString(), ROLE, "flink-kvs", URI.create("http://127.0.0.1:1"));

        try (var credentials = create(settings)) {
            assertThat(credentials.sdkProvider())
                    .isInstanceOf(StsWebIdentityTokenFileCredentialsProvider.class);
        }
    }

    private dev.kvsflink.connector.kinesisvideo.client.AwsCredentials create(
            CredentialsSettings settings) {
        return dev.kvsflink.connector.kinesisvideo.client.AwsCredentials.create(
                settings, Region.US_EAST_1, http);
    }
}
