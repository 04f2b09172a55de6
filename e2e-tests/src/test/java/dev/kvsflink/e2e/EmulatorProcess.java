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

package dev.kvsflink.e2e;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The KVS emulator ({@code EmulatorMain}) as its own process on 127.0.0.1, serving synthetic
 * streams with a fixed key pair that the cluster's processes get as {@code AWS_ACCESS_KEY_ID} and
 * {@code AWS_SECRET_ACCESS_KEY} (the SDK's default credential chain, as on a real cluster).
 */
public final class EmulatorProcess {

    public static final String REGION = "us-east-1";
    static final String ACCESS_KEY = "AKIAE2EEMULATOR00000";
    static final String SECRET_KEY = "e2e-emulator-secret-not-a-real-key";

    private final ManagedProcess process;
    private final URI controlPlane;

    private EmulatorProcess(ManagedProcess process, URI controlPlane) {
        this.process = process;
        this.controlPlane = controlPlane;
    }

    /**
     * Starts the emulator with the service's quota of {@code tps} calls per second and stream and
     * the given streams, and waits until it prints its endpoints.
     */
    public static EmulatorProcess start(Path dir, int tps, List<? extends EmulatedStream> cameras)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(Distribution.java());
        cmd.addAll(
                List.of(
                        "-Xmx256m",
                        "-cp",
                        Distribution.emulatorClassPath(),
                        "dev.kvsflink.connector.kinesisvideo.emulator.EmulatorMain",
                        "--port",
                        "0",
                        "--data-port",
                        "0",
                        "--seed",
                        "11",
                        "--tps",
                        Integer.toString(tps),
                        "--access-key",
                        ACCESS_KEY,
                        "--secret-key",
                        SECRET_KEY));
        for (EmulatedStream camera : cameras) {
            cmd.add("--stream");
            cmd.add(camera.argument());
        }
        ManagedProcess process =
                ManagedProcess.start("emulator", cmd, Map.of(), dir, dir.resolve("emulator.log"));
        AtomicReference<URI> endpoint = new AtomicReference<>();
        Await.until(
                "the emulator prints its control plane endpoint",
                Duration.ofSeconds(60),
                () -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("emulator exited:\n" + process.tail(50));
                    }
                    process.output()
                            .lines()
                            .filter(l -> l.trim().startsWith("control plane:"))
                            .findFirst()
                            .ifPresent(l -> endpoint.set(URI.create(l.trim().split("\\s+")[2])));
                    return endpoint.get() != null;
                });
        return new EmulatorProcess(process, endpoint.get());
    }

    public URI controlPlane() {
        return controlPlane;
    }

    /** The ARN of a stream, as the emulator printed it at its start. */
    public String streamArn(String name) {
        return process.output()
                .lines()
                .map(String::trim)
                .filter(l -> l.startsWith("stream:"))
                .map(l -> l.split("\\s+")[1])
                .filter(arn -> arn.contains(":stream/" + name + "/"))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the emulator printed no stream " + name));
    }

    /**
     * When the emulator created a stream: the last part of its ARN, as in the service's ARNs. A
     * live stream grows from that instant on.
     */
    public Instant createdAt(String name) {
        String arn = streamArn(name);
        return Instant.ofEpochMilli(Long.parseLong(arn.substring(arn.lastIndexOf('/') + 1)));
    }

    public ManagedProcess process() {
        return process;
    }

    /** The environment through which the cluster's processes find the emulator's key pair. */
    public static Map<String, String> credentialsEnv() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", SECRET_KEY,
                "AWS_EC2_METADATA_DISABLED", "true");
    }
}
