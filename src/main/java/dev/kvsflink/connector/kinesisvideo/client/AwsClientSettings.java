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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Preconditions;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an {@link SdkKinesisVideoFragmentClient} is built from: the validated, serializable
 * copy of the {@code aws.*} options, taken once when the source is built so that a bad option fails
 * the job submission rather than every reader.
 *
 * @param endpoint the control-plane endpoint, or {@code null} for the region's public one
 */
@Internal
public record AwsClientSettings(
        String region,
        @Nullable URI endpoint,
        CredentialsSettings credentials,
        Retry retry,
        Http http)
        implements Serializable {

    public AwsClientSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(http, "http");
    }

    /**
     * Reads and validates the {@code aws.*} options of {@code config}.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException naming the option, the
     *     value and what is allowed, when an option is missing or invalid
     */
    public static AwsClientSettings fromConfiguration(Configuration config) {
        return new AwsOptionsReader(config).read();
    }

    /**
     * How the SDK retries one call.
     *
     * @param maxAttempts attempts per call, the first included
     * @param baseDelay the base of the exponential backoff
     * @param maxBackoff the longest wait before one retry
     */
    public record Retry(int maxAttempts, Duration baseDelay, Duration maxBackoff)
            implements Serializable {
        public Retry {
            Preconditions.checkArgument(maxAttempts >= 1, "maxAttempts must be >= 1");
            Preconditions.checkArgument(
                    baseDelay.compareTo(Duration.ZERO) > 0, "baseDelay must be positive");
            Preconditions.checkArgument(
                    maxBackoff.compareTo(baseDelay) >= 0, "maxBackoff must be >= baseDelay");
        }
    }

    /**
     * The HTTP client's settings.
     *
     * @param connectionTimeout how long opening a connection may take
     * @param socketTimeout how long a connection may stay silent
     * @param maxConnections the connection pool's size
     */
    public record Http(Duration connectionTimeout, Duration socketTimeout, int maxConnections)
            implements Serializable {
        public Http {
            Preconditions.checkArgument(
                    connectionTimeout.compareTo(Duration.ZERO) > 0,
                    "connectionTimeout must be positive");
            Preconditions.checkArgument(
                    socketTimeout.compareTo(Duration.ZERO) > 0, "socketTimeout must be positive");
            Preconditions.checkArgument(maxConnections >= 1, "maxConnections must be >= 1");
        }
    }
}
