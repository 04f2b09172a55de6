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
import org.apache.flink.configuration.Configuration;
import org.apache.flink.util.Preconditions;

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClientBuilder;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;

import javax.annotation.Nullable;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link KinesisVideoFragmentClient} over the AWS SDK for Java v2: the only class of the
 * connector that calls Kinesis Video Streams.
 *
 * <p>Each stream's data endpoint is resolved once with {@code GetDataEndpoint}, when the {@link
 * RequestGate} lets the call through (the account's quota of that call is shared by every stream
 * and reader), and cached; one {@code KinesisVideoArchivedMediaClient} is built per distinct data
 * endpoint and shared by its streams. When a {@code ListFragments} call fails for want of an answer
 * (I/O errors or 5xx, after the retries), the stream's endpoint is dropped and the next call
 * resolves it again.
 *
 * <p>Retries are the SDK's (see {@link RetryStrategies}), except a throttled {@code ListFragments},
 * which is the caller's to resend at its own pace; a {@link ListenerInterceptor} reports every
 * attempt to the {@link ClientListener}. An interrupt is honoured between attempts and during
 * backoff; an attempt already in flight ends with its answer or the socket timeout.
 *
 * <p>Thread-safe: a reader's fetcher threads share one, and with it the endpoint cache. Obtain one
 * through {@link #factory(Configuration)}:
 *
 * <pre>{@code
 * KinesisVideoFragmentClientFactory factory = SdkKinesisVideoFragmentClient.factory(awsOptions);
 * try (KinesisVideoFragmentClient client = factory.create(ClientListener.NO_OP)) {
 *     FragmentPage page = client.listFragments(request);
 * }
 * }</pre>
 */
@Internal
public final class SdkKinesisVideoFragmentClient implements KinesisVideoFragmentClient {

    private static final Logger LOG = LoggerFactory.getLogger(SdkKinesisVideoFragmentClient.class);

    private static final String USER_AGENT_SUFFIX = "flink-connector-kinesis-video";

    private final AwsClientSettings settings;
    private final Region region;
    private final SdkHttpClient httpClient;
    private final AwsCredentials credentials;
    private final ClientOverrideConfiguration controlPlaneOverrides;
    private final ClientOverrideConfiguration dataPlaneOverrides;
    private final KinesisVideoClient controlPlane;
    private final RequestGate dataEndpointGate;

    /** The data endpoint of each stream, until a connection failure drops it. */
    private final Map<StreamRef, URI> dataEndpoints = new ConcurrentHashMap<>();

    /**
     * One data-plane client per distinct endpoint; guarded by {@code this} with {@link #closed}.
     */
    private final Map<URI, KinesisVideoArchivedMediaClient> dataPlanes = new ConcurrentHashMap<>();

    private volatile boolean closed;

    SdkKinesisVideoFragmentClient(
            AwsClientSettings settings, ClientListener listener, RequestGate dataEndpointGate) {
        this.settings = Preconditions.checkNotNull(settings, "settings");
        Preconditions.checkNotNull(listener, "listener");
        this.dataEndpointGate = Preconditions.checkNotNull(dataEndpointGate, "dataEndpointGate");
        this.region = Region.of(settings.region());
        this.controlPlaneOverrides =
                overrides(RetryStrategies.controlPlane(settings.retry()), listener);
        this.dataPlaneOverrides = overrides(RetryStrategies.dataPlane(settings.retry()), listener);
        this.httpClient =
                ApacheHttpClient.builder()
                        .connectionTimeout(settings.http().connectionTimeout())
                        .socketTimeout(settings.http().socketTimeout())
                        .maxConnections(settings.http().maxConnections())
                        .build();
        AwsCredentials builtCredentials = null;
        try {
            builtCredentials = AwsCredentials.create(settings.credentials(), region, httpClient);
            KinesisVideoClientBuilder builder =
                    KinesisVideoClient.builder()
                            .region(region)
                            .credentialsProvider(builtCredentials.provider())
                            .httpClient(httpClient)
                            .overrideConfiguration(controlPlaneOverrides);
            if (settings.endpoint() != null) {
                builder.endpointOverride(settings.endpoint());
            }
            this.controlPlane = builder.build();
        } catch (RuntimeException e) {
            closeQuietly(builtCredentials);
            closeQuietly(httpClient);
            throw e;
        }
        this.credentials = builtCredentials;
        LOG.info("Created {}", this);
    }

    /**
     * A serializable factory of clients configured by the {@code aws.*} options of {@code
     * awsOptions} ({@code AwsClientOptions}, {@code RetryOptions}, {@code HttpClientOptions}). The
     * options are validated and copied now, so a bad one fails the job's construction.
     *
     * @throws org.apache.flink.configuration.IllegalConfigurationException naming the option, its
     *     value and what is allowed, when an option is missing or invalid
     */
    public static KinesisVideoFragmentClientFactory factory(Configuration awsOptions) {
        Preconditions.checkNotNull(awsOptions, "awsOptions");
        return new SdkKinesisVideoFragmentClientFactory(
                AwsClientSettings.fromConfiguration(awsOptions));
    }

    @Override
    public FragmentPage listFragments(ListFragmentsRequest request) throws InterruptedException {
        Preconditions.checkNotNull(request, "request");
        Preconditions.checkState(!closed, "The client is closed");
        StreamRef stream = request.stream();
        if (Thread.interrupted()) {
            throw new InterruptedException(
                    SdkResponses.LIST_FRAGMENTS + " on stream '" + stream.id() + "' interrupted");
        }
        URI endpoint = dataEndpoint(stream);
        ListFragmentsResponse response;
        try {
            response = dataPlane(endpoint).listFragments(SdkRequests.listFragments(request));
        } catch (SdkException e) {
            if (SdkErrors.isInterruption(e) || Thread.currentThread().isInterrupted()) {
                throw SdkErrors.interrupted(SdkResponses.LIST_FRAGMENTS, stream, e);
            }
            if (SdkErrors.isConnectionFailure(e)) {
                forgetDataEndpoint(stream, endpoint, e);
            }
            throw SdkErrors.translate(
                    SdkResponses.LIST_FRAGMENTS,
                    stream,
                    e,
                    request.nextToken(),
                    settings.credentials());
        }
        FragmentPage page = SdkResponses.page(stream, response);
        LOG.debug("{} -> {}", request, page);
        return page;
    }

    private static ClientOverrideConfiguration overrides(
            RetryStrategy retryStrategy, ClientListener listener) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy)
                .addExecutionInterceptor(new ListenerInterceptor(listener))
                .addExecutionInterceptor(new MalformedAnswerInterceptor())
                .putAdvancedOption(SdkAdvancedClientOption.USER_AGENT_SUFFIX, USER_AGENT_SUFFIX)
                .build();
    }

    /** The cached data endpoint of {@code stream}, if any. */
    @VisibleForTesting
    @Nullable
    URI cachedDataEndpoint(StreamRef stream) {
        return dataEndpoints.get(stream);
    }

    private URI dataEndpoint(StreamRef stream) throws InterruptedException {
        URI cached = dataEndpoints.get(stream);
        if (cached != null) {
            return cached;
        }
        dataEndpointGate.awaitTurn();
        GetDataEndpointResponse response;
        try {
            response = controlPlane.getDataEndpoint(SdkRequests.getDataEndpoint(stream));
        } catch (SdkException e) {
            if (SdkErrors.isInterruption(e) || Thread.currentThread().isInterrupted()) {
                throw SdkErrors.interrupted(SdkResponses.GET_DATA_ENDPOINT, stream, e);
            }
            throw SdkErrors.translate(
                    SdkResponses.GET_DATA_ENDPOINT, stream, e, null, settings.credentials());
        }
        URI endpoint = SdkResponses.dataEndpoint(stream, response);
        LOG.info("ListFragments endpoint of stream {}: {}", stream, endpoint);
        URI raced = dataEndpoints.putIfAbsent(stream, endpoint);
        return raced != null ? raced : endpoint;
    }

    private synchronized KinesisVideoArchivedMediaClient dataPlane(URI endpoint) {
        Preconditions.checkState(!closed, "The client is closed");
        // Building a client does no I/O, so it may happen under the lock.
        return dataPlanes.computeIfAbsent(
                endpoint,
                e ->
                        KinesisVideoArchivedMediaClient.builder()
                                .region(region)
                                .credentialsProvider(credentials.provider())
                                .httpClient(httpClient)
                                .overrideConfiguration(dataPlaneOverrides)
                                .endpointOverride(e)
                                .build());
    }

    private void forgetDataEndpoint(StreamRef stream, URI endpoint, SdkException cause) {
        if (dataEndpoints.remove(stream, endpoint)) {
            LOG.warn(
                    "ListFragments on stream {} got no usable answer from {} ({}): the next call"
                            + " resolves the data endpoint again",
                    stream,
                    endpoint,
                    cause.getClass().getSimpleName());
        }
    }

    @Override
    public void close() {
        List<AutoCloseable> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = new ArrayList<>(dataPlanes.values());
            dataPlanes.clear();
        }
        // The SDK clients first, then what they share: credentials (and their STS clients), HTTP.
        toClose.add(controlPlane);
        toClose.add(credentials);
        toClose.add(httpClient);
        toClose.forEach(SdkKinesisVideoFragmentClient::closeQuietly);
        dataEndpoints.clear();
        LOG.info("Closed {}", this);
    }

    @Override
    public String toString() {
        return "SdkKinesisVideoFragmentClient{region="
                + settings.region()
                + ", endpoint="
                + (settings.endpoint() == null ? "default" : settings.endpoint())
                + ", credentials="
                + settings.credentials()
                + ", dataEndpoints="
                + dataEndpoints.size()
                + '}';
    }

    private static void closeQuietly(@Nullable AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Could not close {}", resource.getClass().getSimpleName(), e);
        }
    }
}
