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

import com.sun.net.httpserver.HttpServer;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.PagePlanner;
import dev.kvsflink.connector.kinesisvideo.emulator.paging.PageTokenCodec;
import dev.kvsflink.connector.kinesisvideo.emulator.store.Mix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The emulator's two HTTP endpoints on 127.0.0.1 (the JDK's {@link HttpServer}, one per plane) and
 * the pool of threads that serves both.
 */
final class EmulatorServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's
        // algorithm and delayed ACKs can add ~40 ms to keep-alive answers. Read once per JVM.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final ExecutorService executor;
    private final HttpServer controlPlane;
    private final HttpServer dataPlane;

    private EmulatorServer(
            ExecutorService executor, HttpServer controlPlane, HttpServer dataPlane) {
        this.executor = executor;
        this.controlPlane = controlPlane;
        this.dataPlane = dataPlane;
    }

    /**
     * Binds both endpoints and starts serving the two operations over {@code context}.
     *
     * @throws UncheckedIOException if a port cannot be bound
     */
    static EmulatorServer start(KinesisVideoEmulatorBuilder settings, ServiceContext context) {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor =
                Executors.newFixedThreadPool(
                        settings.serverThreads,
                        r -> {
                            Thread thread =
                                    new Thread(r, "kvs-emulator-" + threadNumber.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
        HttpServer controlPlane = null;
        try {
            controlPlane = bind(settings.controlPlanePort, executor);
            HttpServer dataPlane = bind(settings.dataPlanePort, executor);
            EmulatorServer server = new EmulatorServer(executor, controlPlane, dataPlane);
            server.serve(settings, context);
            return server;
        } catch (IOException e) {
            if (controlPlane != null) {
                controlPlane.stop(0);
            }
            executor.shutdownNow();
            throw new UncheckedIOException("cannot bind the emulator's ports", e);
        }
    }

    private void serve(KinesisVideoEmulatorBuilder settings, ServiceContext context) {
        SigV4Verifier verifier =
                settings.verifySignatures
                        ? new SigV4Verifier(settings.region, settings.accessKey, settings.secretKey)
                        : null;
        ListFragmentsOperation listFragments =
                new ListFragmentsOperation(
                        context,
                        new PageTokenCodec(tokenKey(settings.seed)),
                        new PagePlanner(
                                settings.seed,
                                settings.shortPageProbability,
                                settings.emptyPageProbability),
                        settings.tokenTtl,
                        settings.seed);
        String dataEndpoint = dataPlaneEndpoint().toString();
        GetDataEndpointOperation getDataEndpoint =
                new GetDataEndpointOperation(context, () -> dataEndpoint);
        controlPlane.createContext(
                "/",
                new ApiHandler(
                        "control-plane",
                        Operation.GET_DATA_ENDPOINT,
                        getDataEndpoint,
                        context,
                        verifier));
        dataPlane.createContext(
                "/",
                new ApiHandler(
                        "data-plane", Operation.LIST_FRAGMENTS, listFragments, context, verifier));
        controlPlane.start();
        dataPlane.start();
    }

    private static HttpServer bind(int port, ExecutorService executor) throws IOException {
        HttpServer server =
                HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
        server.setExecutor(executor);
        return server;
    }

    /** The control plane's URL, {@code http://127.0.0.1:<port>}. */
    URI controlPlaneEndpoint() {
        return endpoint(controlPlane);
    }

    /** The data plane's URL. */
    URI dataPlaneEndpoint() {
        return endpoint(dataPlane);
    }

    private static URI endpoint(HttpServer server) {
        InetSocketAddress address = server.getAddress();
        return URI.create(
                "http://" + address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Token HMAC key: derived from the seed, so a seeded emulator issues the same tokens. */
    private static byte[] tokenKey(long seed) {
        ByteBuffer key = ByteBuffer.allocate(32);
        for (int i = 0; i < 4; i++) {
            key.putLong(Mix.hash(seed, i, 0x70CE));
        }
        return key.array();
    }

    @Override
    public void close() {
        controlPlane.stop(0);
        dataPlane.stop(0);
        executor.shutdownNow();
    }
}
