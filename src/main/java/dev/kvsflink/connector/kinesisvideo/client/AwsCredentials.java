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
import org.apache.flink.annotation.VisibleForTesting;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions.CredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.auth.StsWebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The SDK credentials provider that {@link CredentialsSettings} describe, with the STS clients it
 * needs; closing it closes them. Built the way flink-connector-aws builds them, from the SDK's own
 * providers. A provider that finds no credentials fails with a message that names it and what to
 * set (see {@link NoCredentials}).
 */
@Internal
final class AwsCredentials implements SdkAutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsCredentials.class);

    private final AwsCredentialsProvider provider;
    private final AwsCredentialsProvider sdkProvider;

    /** What to close, last built first closed. */
    private final Deque<AutoCloseable> resources;

    private AwsCredentials(
            CredentialsSettings settings,
            AwsCredentialsProvider sdkProvider,
            Deque<AutoCloseable> resources) {
        this.sdkProvider = sdkProvider;
        this.provider = failingClearly(sdkProvider, settings);
        this.resources = resources;
    }

    /**
     * Builds the provider. STS clients (for ASSUME_ROLE and WEB_IDENTITY_TOKEN) use {@code region}
     * and {@code httpClient}, which the caller keeps ownership of.
     */
    static AwsCredentials create(
            CredentialsSettings settings, Region region, SdkHttpClient httpClient) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        try {
            AwsCredentialsProvider provider = build(settings, region, httpClient, resources);
            if (provider instanceof AutoCloseable) {
                resources.push((AutoCloseable) provider);
            }
            return new AwsCredentials(settings, provider, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /**
     * Marks a failure to obtain credentials that retrying cannot fix; its message says where the
     * provider looked and what to set.
     */
    static final class NoCredentials extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoCredentials(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * {@code provider}, whose failures to produce credentials carry a {@link NoCredentials} that
     * names the provider and what to set, unless they may pass (an STS call without an answer, a
     * 5xx or throttled one) or the thread was interrupted.
     */
    private static AwsCredentialsProvider failingClearly(
            AwsCredentialsProvider provider, CredentialsSettings settings) {
        return new AwsCredentialsProvider() {
            @Override
            public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
                try {
                    return provider.resolveCredentials();
                } catch (RuntimeException e) {
                    if (SdkErrors.isInterruption(e) || isTransient(settings, e)) {
                        throw e;
                    }
                    String message = CredentialsHints.noCredentials(settings, e.getMessage());
                    throw SdkClientException.builder()
                            .message(message)
                            .cause(new NoCredentials(message, e))
                            .build();
                }
            }

            @Override
            public String toString() {
                return provider.toString();
            }
        };
    }

    private static boolean isTransient(CredentialsSettings settings, Throwable failure) {
        if (settings.provider() != CredentialsProvider.ASSUME_ROLE
                && settings.provider() != CredentialsProvider.WEB_IDENTITY_TOKEN) {
            // The default chain's probe of the instance metadata fails with an I/O error off EC2.
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException
                    || (t instanceof SdkServiceException
                            && (((SdkServiceException) t).statusCode() >= 500
                                    || ((SdkServiceException) t).isThrottlingException()))) {
                return true;
            }
        }
        return false;
    }

    /** The provider to give the SDK clients. */
    AwsCredentialsProvider provider() {
        return provider;
    }

    /** The SDK's provider that {@link #provider()} asks. */
    @VisibleForTesting
    AwsCredentialsProvider sdkProvider() {
        return sdkProvider;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static AwsCredentialsProvider build(
            CredentialsSettings settings,
            Region region,
            SdkHttpClient httpClient,
            Deque<AutoCloseable> resources) {
        switch (settings.provider()) {
            case AUTO:
                // A new chain per client, not the SDK's shared singleton, so close() is ours.
                return DefaultCredentialsProvider.builder().build();
            case BASIC:
                return StaticCredentialsProvider.create(
                        settings.sessionToken() == null
                                ? AwsBasicCredentials.create(
                                        settings.accessKeyId(), settings.secretKey())
                                : AwsSessionCredentials.create(
                                        settings.accessKeyId(),
                                        settings.secretKey(),
                                        settings.sessionToken()));
            case PROFILE:
                return profile(settings);
            case ASSUME_ROLE:
                {
                    AwsCredentialsProvider base =
                            build(settings.roleBase(), region, httpClient, resources);
                    if (base instanceof AutoCloseable) {
                        resources.push((AutoCloseable) base);
                    }
                    StsClient sts = sts(region, settings.stsEndpoint(), base, httpClient);
                    resources.push(sts);
                    return StsAssumeRoleCredentialsProvider.builder()
                            .stsClient(sts)
                            .refreshRequest(
                                    r ->
                                            r.roleArn(settings.roleArn())
                                                    .roleSessionName(settings.roleSessionName())
                                                    .externalId(settings.externalId()))
                            .build();
                }
            case WEB_IDENTITY_TOKEN:
                {
                    // AssumeRoleWithWebIdentity is not signed: the token is the credential.
                    StsClient sts =
                            sts(
                                    region,
                                    settings.stsEndpoint(),
                                    AnonymousCredentialsProvider.create(),
                                    httpClient);
                    resources.push(sts);
                    // Reads the token file again at each refresh: tokens are rotated.
                    return StsWebIdentityTokenFileCredentialsProvider.builder()
                            .stsClient(sts)
                            .webIdentityTokenFile(Paths.get(settings.webIdentityTokenFile()))
                            .roleArn(settings.roleArn())
                            .roleSessionName(settings.roleSessionName())
                            .build();
                }
            default:
                throw new IllegalStateException(
                        "Unhandled credentials provider " + settings.provider());
        }
    }

    private static AwsCredentialsProvider profile(CredentialsSettings settings) {
        ProfileCredentialsProvider.Builder builder =
                ProfileCredentialsProvider.builder().profileName(settings.profileName());
        if (settings.profilePath() != null) {
            // A supplier, so a missing file fails when credentials are needed, with the SDK's
            // message, and a rotated file is read again.
            builder.profileFile(
                    () ->
                            ProfileFile.builder()
                                    .type(ProfileFile.Type.CREDENTIALS)
                                    .content(Paths.get(settings.profilePath()))
                                    .build());
        }
        return builder.build();
    }

    private static StsClient sts(
            Region region,
            URI endpoint,
            AwsCredentialsProvider credentials,
            SdkHttpClient httpClient) {
        StsClientBuilder builder =
                StsClient.builder()
                        .region(region)
                        .credentialsProvider(credentials)
                        .httpClient(httpClient);
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        return builder.build();
    }

    private static void closeAll(Deque<AutoCloseable> resources) {
        while (!resources.isEmpty()) {
            AutoCloseable resource = resources.pop();
            try {
                resource.close();
            } catch (Exception e) {
                // Closing must go on: the other resources hold threads and connections too.
                LOG.warn("Could not close {}", resource.getClass().getSimpleName(), e);
            }
        }
    }
}
