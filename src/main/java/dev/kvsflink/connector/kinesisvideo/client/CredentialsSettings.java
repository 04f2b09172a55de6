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

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions.CredentialsProvider;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;

/**
 * How a client finds its credentials: the validated, serializable copy of the {@code
 * aws.credentials.*} options. Built by the static factories, one per {@link CredentialsProvider}.
 *
 * <p>{@link #toString()} never shows the secret key, the session token or the external id, and
 * shows only the last four characters of an access key id (as the AWS console does), enough to tell
 * two keys apart.
 *
 * @param roleBase for {@link CredentialsProvider#ASSUME_ROLE}: the credentials that call STS
 */
@Internal
public record CredentialsSettings(
        CredentialsProvider provider,
        @Nullable String accessKeyId,
        @Nullable String secretKey,
        @Nullable String sessionToken,
        @Nullable String profileName,
        @Nullable String profilePath,
        @Nullable String roleArn,
        @Nullable String roleSessionName,
        @Nullable String externalId,
        @Nullable CredentialsSettings roleBase,
        @Nullable URI stsEndpoint,
        @Nullable String webIdentityTokenFile)
        implements Serializable {

    private static final String REDACTED = "<redacted>";

    public CredentialsSettings {
        Objects.requireNonNull(provider, "provider");
    }

    /** The SDK's default credentials chain. */
    public static CredentialsSettings auto() {
        return new CredentialsSettings(
                CredentialsProvider.AUTO,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** Fixed credentials; a session token makes them temporary ones. */
    public static CredentialsSettings basic(
            String accessKeyId, String secretKey, @Nullable String sessionToken) {
        return new CredentialsSettings(
                CredentialsProvider.BASIC,
                Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(secretKey, "secretKey"),
                sessionToken,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A named profile, from {@code path} or the SDK's default credentials file. */
    public static CredentialsSettings profile(String name, @Nullable String path) {
        return new CredentialsSettings(
                CredentialsProvider.PROFILE,
                null,
                null,
                null,
                Objects.requireNonNull(name, "name"),
                path,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    /** A role assumed through STS with the credentials of {@code base}. */
    public static CredentialsSettings assumeRole(
            String roleArn,
            String sessionName,
            @Nullable String externalId,
            CredentialsSettings base,
            @Nullable URI stsEndpoint) {
        return new CredentialsSettings(
                CredentialsProvider.ASSUME_ROLE,
                null,
                null,
                null,
                null,
                null,
                Objects.requireNonNull(roleArn, "roleArn"),
                Objects.requireNonNull(sessionName, "sessionName"),
                externalId,
                Objects.requireNonNull(base, "base"),
                stsEndpoint,
                null);
    }

    /** A role assumed with the web identity token in {@code tokenFile}. */
    public static CredentialsSettings webIdentity(
            String tokenFile, String roleArn, String sessionName, @Nullable URI stsEndpoint) {
        return new CredentialsSettings(
                CredentialsProvider.WEB_IDENTITY_TOKEN,
                null,
                null,
                null,
                null,
                null,
                Objects.requireNonNull(roleArn, "roleArn"),
                Objects.requireNonNull(sessionName, "sessionName"),
                null,
                null,
                stsEndpoint,
                Objects.requireNonNull(tokenFile, "tokenFile"));
    }

    @Override
    public String toString() {
        switch (provider) {
            case BASIC:
                return "BASIC{accessKeyId="
                        + maskAccessKeyId(accessKeyId)
                        + ", secretKey="
                        + REDACTED
                        + ", sessionToken="
                        + (sessionToken == null ? "none" : REDACTED)
                        + '}';
            case PROFILE:
                return "PROFILE{name="
                        + profileName
                        + ", path="
                        + (profilePath == null ? "default" : profilePath)
                        + '}';
            case ASSUME_ROLE:
                return "ASSUME_ROLE{roleArn="
                        + roleArn
                        + ", sessionName="
                        + roleSessionName
                        + ", externalId="
                        + (externalId == null ? "none" : REDACTED)
                        + ", base="
                        + roleBase
                        + ", stsEndpoint="
                        + (stsEndpoint == null ? "default" : stsEndpoint)
                        + '}';
            case WEB_IDENTITY_TOKEN:
                return "WEB_IDENTITY_TOKEN{tokenFile="
                        + webIdentityTokenFile
                        + ", roleArn="
                        + roleArn
                        + ", sessionName="
                        + roleSessionName
                        + ", stsEndpoint="
                        + (stsEndpoint == null ? "default" : stsEndpoint)
                        + '}';
            default:
                return provider.name();
        }
    }

    /** {@code AKIA...WXYZ} becomes {@code ****WXYZ}. */
    static String maskAccessKeyId(@Nullable String accessKeyId) {
        if (accessKeyId == null) {
            return "none";
        }
        return accessKeyId.length() <= 8
                ? "****"
                : "****" + accessKeyId.substring(accessKeyId.length() - 4);
    }
}
