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

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.IllegalConfigurationException;

import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions.CredentialsProvider;
import dev.kvsflink.connector.kinesisvideo.config.HttpClientOptions;
import dev.kvsflink.connector.kinesisvideo.config.RetryOptions;

import javax.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code aws.*} options into {@link AwsClientSettings}. Every failure names the option,
 * the value (never for secrets) and what is allowed.
 */
final class AwsOptionsReader {

    private static final Pattern REGION = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern ROLE_ARN =
            Pattern.compile("arn:[a-z0-9-]+:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern ROLE_SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Set<String> HTTP_SCHEMES = Set.of("http", "https");

    private final Configuration config;

    AwsOptionsReader(Configuration config) {
        this.config = config;
    }

    AwsClientSettings read() {
        String region = required(AwsClientOptions.AWS_REGION, "it signs every request");
        if (!REGION.matcher(region).matches()) {
            throw invalid(
                    AwsClientOptions.AWS_REGION.key(),
                    region,
                    "an AWS region in lower case, such as us-east-1");
        }
        URI endpoint = optionalEndpoint(AwsClientOptions.AWS_ENDPOINT);
        CredentialsProvider provider =
                get(AwsClientOptions.AWS_CREDENTIALS_PROVIDER, oneOf(CredentialsProvider.values()));
        CredentialsSettings credentials =
                credentials(provider, AwsClientOptions.AWS_CREDENTIALS_PROVIDER.key());
        return new AwsClientSettings(region, endpoint, credentials, retry(), http());
    }

    private CredentialsSettings credentials(CredentialsProvider provider, String providerKey) {
        String when = "required when " + providerKey + " is " + provider;
        switch (provider) {
            case AUTO:
                return CredentialsSettings.auto();
            case BASIC:
                return CredentialsSettings.basic(
                        required(AwsClientOptions.AWS_ACCESS_KEY_ID, when),
                        required(AwsClientOptions.AWS_SECRET_ACCESS_KEY, when),
                        optional(AwsClientOptions.AWS_SESSION_TOKEN));
            case PROFILE:
                return CredentialsSettings.profile(
                        required(AwsClientOptions.AWS_PROFILE_NAME, when),
                        optional(AwsClientOptions.AWS_PROFILE_PATH));
            case ASSUME_ROLE:
                return CredentialsSettings.assumeRole(
                        roleArn(when),
                        roleSessionName(when),
                        optional(AwsClientOptions.AWS_ROLE_EXTERNAL_ID),
                        roleBase(),
                        optionalEndpoint(AwsClientOptions.AWS_ROLE_STS_ENDPOINT));
            case WEB_IDENTITY_TOKEN:
                return CredentialsSettings.webIdentity(
                        required(AwsClientOptions.AWS_WEB_IDENTITY_TOKEN_FILE, when),
                        roleArn(when),
                        roleSessionName(when),
                        optionalEndpoint(AwsClientOptions.AWS_ROLE_STS_ENDPOINT));
            default:
                throw new IllegalStateException("Unhandled credentials provider " + provider);
        }
    }

    private CredentialsSettings roleBase() {
        ConfigOption<CredentialsProvider> option = AwsClientOptions.AWS_ROLE_CREDENTIALS_PROVIDER;
        CredentialsProvider[] allowed = {
            CredentialsProvider.AUTO,
            CredentialsProvider.BASIC,
            CredentialsProvider.PROFILE,
            CredentialsProvider.WEB_IDENTITY_TOKEN
        };
        CredentialsProvider base = get(option, oneOf(allowed));
        if (base == CredentialsProvider.ASSUME_ROLE) {
            // Chained role assumption would need a second set of role keys: not supported.
            throw invalid(option.key(), base.name(), oneOf(allowed));
        }
        return credentials(base, option.key());
    }

    private String roleArn(String when) {
        String arn = required(AwsClientOptions.AWS_ROLE_ARN, when);
        if (!ROLE_ARN.matcher(arn).matches()) {
            throw invalid(
                    AwsClientOptions.AWS_ROLE_ARN.key(),
                    arn,
                    "an IAM role ARN such as arn:aws:iam::123456789012:role/reader");
        }
        return arn;
    }

    private String roleSessionName(String when) {
        String name = required(AwsClientOptions.AWS_ROLE_SESSION_NAME, when);
        if (!ROLE_SESSION_NAME.matcher(name).matches()) {
            throw invalid(
                    AwsClientOptions.AWS_ROLE_SESSION_NAME.key(),
                    name,
                    "2 to 64 characters from letters, digits and +=,.@_-");
        }
        return name;
    }

    private AwsClientSettings.Retry retry() {
        int attempts = get(RetryOptions.MAX_ATTEMPTS, "an integer >= 1");
        if (attempts < 1) {
            throw invalid(
                    RetryOptions.MAX_ATTEMPTS.key(),
                    attempts,
                    "an integer >= 1 (1 disables retries)");
        }
        Duration base = positive(RetryOptions.BASE_DELAY);
        Duration max = positive(RetryOptions.MAX_BACKOFF);
        if (max.compareTo(base) < 0) {
            throw invalid(
                    RetryOptions.MAX_BACKOFF.key(),
                    max,
                    "a duration >= " + RetryOptions.BASE_DELAY.key() + " (" + base + ")");
        }
        return new AwsClientSettings.Retry(attempts, base, max);
    }

    private AwsClientSettings.Http http() {
        int connections = get(HttpClientOptions.MAX_CONNECTIONS, "an integer >= 1");
        if (connections < 1) {
            throw invalid(HttpClientOptions.MAX_CONNECTIONS.key(), connections, "an integer >= 1");
        }
        return new AwsClientSettings.Http(
                positive(HttpClientOptions.CONNECTION_TIMEOUT),
                positive(HttpClientOptions.SOCKET_TIMEOUT),
                connections);
    }

    private Duration positive(ConfigOption<Duration> option) {
        String allowed = "a positive duration such as 500 ms or 10 s";
        Duration value = get(option, allowed);
        if (value.isNegative() || value.isZero()) {
            throw invalid(option.key(), value, allowed);
        }
        return value;
    }

    @Nullable
    private URI optionalEndpoint(ConfigOption<String> option) {
        String value = optional(option);
        if (value == null) {
            return null;
        }
        String allowed = "an absolute http or https URI such as https://host:443";
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null
                    || !HTTP_SCHEMES.contains(uri.getScheme().toLowerCase())
                    || uri.getHost() == null) {
                throw invalid(option.key(), value, allowed);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(option.key(), value, allowed);
        }
    }

    /** The value, which must be set and not blank. Never shows the value in a message. */
    private String required(ConfigOption<String> option, String why) {
        String value = optional(option);
        if (value == null) {
            throw new IllegalConfigurationException(
                    "Missing option '" + option.key() + "': " + why + ".");
        }
        return value;
    }

    /** The trimmed value, or {@code null} when unset or blank. */
    @Nullable
    private String optional(ConfigOption<String> option) {
        String value = config.get(option);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private <T> T get(ConfigOption<T> option, String allowed) {
        try {
            return config.get(option);
        } catch (IllegalArgumentException e) {
            // Flink's own message does not always say what is allowed: say it, with the value.
            throw invalid(option.key(), config.toMap().get(option.key()), allowed);
        }
    }

    private static String oneOf(Enum<?>[] values) {
        return "one of " + Arrays.toString(values);
    }

    private static IllegalConfigurationException invalid(
            String key, @Nullable Object value, String allowed) {
        return new IllegalConfigurationException(
                "Invalid value '"
                        + value
                        + "' for option '"
                        + key
                        + "': expected "
                        + allowed
                        + ".");
    }
}
