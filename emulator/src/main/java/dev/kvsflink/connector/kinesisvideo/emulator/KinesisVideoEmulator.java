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

package dev.kvsflink.connector.kinesisvideo.emulator;

import dev.kvsflink.connector.kinesisvideo.emulator.paging.FragmentLister;
import dev.kvsflink.connector.kinesisvideo.emulator.store.AppendableFragmentStore;
import dev.kvsflink.connector.kinesisvideo.emulator.store.LiveFragmentStore;
import dev.kvsflink.connector.kinesisvideo.emulator.store.Mix;
import dev.kvsflink.connector.kinesisvideo.emulator.store.StreamRegistry;
import dev.kvsflink.connector.kinesisvideo.emulator.store.SyntheticFragmentStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local emulator of the two Kinesis Video Streams endpoints that {@code ListFragments} needs: the
 * control plane ({@code POST /getDataEndpoint}) and the data plane ({@code POST /listFragments}),
 * each on its own port of 127.0.0.1, speaking the wire protocol of the service so that the
 * unmodified AWS SDK for Java v2 works against it.
 *
 * <pre>{@code
 * try (KinesisVideoEmulator emulator = KinesisVideoEmulator.builder().seed(7).build().start()) {
 *     AppendableStream cam = emulator.createStream("cam-1");
 *     cam.append(Instant.parse("2026-01-01T00:00:00Z"));
 *     KinesisVideoClient control = KinesisVideoClient.builder()
 *             .endpointOverride(emulator.controlPlaneEndpoint())
 *             .region(Region.of(emulator.region()))
 *             .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
 *                     emulator.accessKey(), emulator.secretKey())))
 *             .build();
 *     // GetDataEndpoint, then ListFragments on the returned endpoint ...
 *     List<EmulatedFragment> expected = emulator.groundTruth("cam-1",
 *             SelectorType.SERVER_TIMESTAMP, from, to);
 * }
 * }</pre>
 *
 * <p>Streams can be added before or after {@link #start()}. Thread-safe.
 */
public final class KinesisVideoEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KinesisVideoEmulator.class);

    private final KinesisVideoEmulatorBuilder settings;
    private final StreamRegistry registry;
    private final EmulatorFaults faults;
    private final EmulatorCounters counters = new EmulatorCounters();
    private volatile EmulatorServer server;
    private boolean started;

    KinesisVideoEmulator(KinesisVideoEmulatorBuilder settings) {
        this.settings = settings;
        this.registry = new StreamRegistry(settings.region, settings.accountId);
        this.faults =
                new EmulatorFaults(
                        settings.tpsPerStream, settings.dataEndpointTpsPerAccount, settings.seed);
    }

    /** A builder with the defaults listed on {@link KinesisVideoEmulatorBuilder}. */
    public static KinesisVideoEmulatorBuilder builder() {
        return new KinesisVideoEmulatorBuilder();
    }

    /**
     * Binds both endpoints to 127.0.0.1 and starts serving.
     *
     * @throws UncheckedIOException if a port cannot be bound
     * @throws IllegalStateException if already started
     */
    public synchronized KinesisVideoEmulator start() {
        if (started) {
            throw new IllegalStateException("the emulator was already started");
        }
        started = true;
        server =
                EmulatorServer.start(
                        settings,
                        new ServiceContext(
                                registry,
                                new StreamQuota(),
                                faults,
                                counters,
                                settings.clock,
                                settings.accountId));
        LOG.info(
                "KVS emulator started: control plane {}, data plane {}, region {}, access key {},"
                        + " seed {}",
                controlPlaneEndpoint(),
                dataPlaneEndpoint(),
                settings.region,
                settings.accessKey,
                settings.seed);
        return this;
    }

    /** Stops both endpoints; streams and counters stay readable. Idempotent. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
        }
    }

    /** The control plane's URL, {@code http://127.0.0.1:<port>}; only once started. */
    public URI controlPlaneEndpoint() {
        return running().controlPlaneEndpoint();
    }

    /** The data plane's URL, which {@code GetDataEndpoint} returns; only once started. */
    public URI dataPlaneEndpoint() {
        return running().dataPlaneEndpoint();
    }

    private EmulatorServer running() {
        EmulatorServer current = server;
        if (current == null) {
            throw new IllegalStateException("the emulator is not started");
        }
        return current;
    }

    /** The region signatures must be scoped to. */
    public String region() {
        return settings.region;
    }

    /** The access key id the emulator accepts. */
    public String accessKey() {
        return settings.accessKey;
    }

    /** The secret key the emulator accepts, for building clients; never logged. */
    public String secretKey() {
        return settings.secretKey;
    }

    /**
     * The connector's options that point it at this running emulator: {@code aws.region}, {@code
     * aws.endpoint} and the emulator's key pair as {@code BASIC} credentials. Pass them as the
     * source's {@code aws.*} options ({@code Configuration.fromMap(emulator.connectorOptions())})
     * or in a table's {@code WITH} clause.
     */
    public Map<String, String> connectorOptions() {
        // The keys of the connector's AwsClientOptions, written out: the emulator does not depend
        // on the connector (a test of the connector checks that they match).
        Map<String, String> options = new LinkedHashMap<>();
        options.put("aws.region", region());
        options.put("aws.endpoint", controlPlaneEndpoint().toString());
        options.put("aws.credentials.provider", "BASIC");
        options.put("aws.credentials.basic.accesskeyid", accessKey());
        options.put("aws.credentials.basic.secretkey", secretKey());
        return options;
    }

    /** The seed of the emulator's pseudo-random choices. */
    public long seed() {
        return settings.seed;
    }

    /** The emulator's clock. */
    public Clock clock() {
        return settings.clock;
    }

    /** The runtime settings for latency, errors, closed connections and the quota. */
    public EmulatorFaults faults() {
        return faults;
    }

    /** What the emulator has served. */
    public EmulatorCounters counters() {
        return counters;
    }

    /** Creates an empty stream that holds what is appended to it. */
    public AppendableStream createStream(String name) {
        AppendableFragmentStore store = new AppendableFragmentStore();
        StreamRegistry.Stream stream = registry.add(name, settings.clock.millis(), store);
        return new AppendableStream(
                name, stream.arn(), store, Mix.hash(settings.seed, 0, name.hashCode()));
    }

    /** Adds a stream whose fragments are computed from {@code spec}; returns its ARN. */
    public String addSyntheticStream(String name, SyntheticStreamSpec spec) {
        return registry.add(name, settings.clock.millis(), new SyntheticFragmentStore(spec)).arn();
    }

    /** Adds a stream that grows from now on as {@code spec} says. */
    public LiveStream addLiveStream(String name, LiveStreamSpec spec) {
        Instant now = settings.clock.instant();
        LiveFragmentStore store = new LiveFragmentStore(spec, now);
        StreamRegistry.Stream stream = registry.add(name, now.toEpochMilli(), store);
        return new LiveStream(name, stream.arn(), spec, store, settings.clock);
    }

    /** The ARN of the stream named {@code name}. */
    public String streamArn(String name) {
        return stream(name).arn();
    }

    /**
     * Every fragment the service holds now (listable or still within a live stream's visibility
     * delay) whose timestamp of the selected kind is within {@code [startInclusive, endInclusive]},
     * in ingestion order. This is what a complete reading of the range must return.
     *
     * @param streamNameOrArn the stream's name or ARN
     * @throws IllegalArgumentException if there is no such stream
     */
    public List<EmulatedFragment> groundTruth(
            String streamNameOrArn,
            SelectorType selector,
            Instant startInclusive,
            Instant endInclusive) {
        StreamRegistry.Stream stream = stream(streamNameOrArn);
        long held = stream.store().heldCount(settings.clock.instant());
        return FragmentLister.inRange(
                stream.store(),
                selector,
                startInclusive.toEpochMilli(),
                endInclusive.toEpochMilli(),
                held);
    }

    /**
     * What a {@code ListFragments} listing that starts at instant {@code at} returns for the range,
     * in ingestion order: the fragments already visible then (a live stream's fragments become
     * visible their visibility delay after their server timestamp; others at once).
     */
    public List<EmulatedFragment> visibleAt(
            String streamNameOrArn,
            SelectorType selector,
            Instant startInclusive,
            Instant endInclusive,
            Instant at) {
        StreamRegistry.Stream stream = stream(streamNameOrArn);
        long visible = stream.store().visibleCount(at);
        return FragmentLister.inRange(
                stream.store(),
                selector,
                startInclusive.toEpochMilli(),
                endInclusive.toEpochMilli(),
                visible);
    }

    private StreamRegistry.Stream stream(String nameOrArn) {
        return registry.byNameOrArn(nameOrArn)
                .orElseThrow(() -> new IllegalArgumentException("no stream " + nameOrArn));
    }

    @Override
    public String toString() {
        return "KinesisVideoEmulator{region="
                + settings.region
                + ", controlPlane="
                + (server == null ? "not started" : controlPlaneEndpoint())
                + ", dataPlane="
                + (server == null ? "not started" : dataPlaneEndpoint())
                + '}';
    }
}
