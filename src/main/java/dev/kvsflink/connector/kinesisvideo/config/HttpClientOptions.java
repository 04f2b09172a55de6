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

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * The {@code aws.http-client.*} options of the blocking (Apache) HTTP client that each reader's
 * client uses for the control plane, the data plane and STS.
 */
@PublicEvolving
public final class HttpClientOptions {

    public static final ConfigOption<Duration> CONNECTION_TIMEOUT =
            ConfigOptions.key("aws.http-client.connection-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How long opening a connection may take before the attempt fails (and is retried).");

    public static final ConfigOption<Duration> SOCKET_TIMEOUT =
            ConfigOptions.key("aws.http-client.socket-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How long a connection may stay silent while waiting for an answer before the attempt fails (and is retried). Also bounds how long an interrupted reader waits for an attempt in flight.");

    public static final ConfigOption<Integer> MAX_CONNECTIONS =
            ConfigOptions.key("aws.http-client.max-connections")
                    .intType()
                    .defaultValue(10)
                    .withDescription(
                            "The size of the connection pool of one reader's client (>= 1). The reader's fetcher threads share it, one call in flight each: keep it at least source.reader.fetch-threads.");

    private HttpClientOptions() {}
}
