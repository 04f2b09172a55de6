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

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line, on 127.0.0.1 only, until the process is stopped.
 *
 * <pre>
 * java -cp &lt;jar and dependencies&gt; dev.kvsflink.connector.kinesisvideo.emulator.EmulatorMain \
 *     --port 4566 --data-port 4567 \
 *     --stream synthetic:cam-1:seed=7,fragments=1000000 \
 *     --stream live:cam-2:rate=2/s
 * </pre>
 *
 * <p>Options: {@code --port} (control plane, default 4566), {@code --data-port} (default 4567),
 * {@code --region}, {@code --account-id}, {@code --access-key}, {@code --secret-key}, {@code
 * --no-signature-check}, {@code --tps} (per stream and operation, 0 for none), {@code
 * --data-endpoint-account-tps} ({@code GetDataEndpoint} in the whole account, default 300, 0 for
 * none), {@code --seed}, {@code --short-pages} and {@code --empty-pages} (probabilities), {@code
 * --token-ttl} (e.g. {@code 5m}), and {@code --stream kind:name[:options]} (repeatable) where kind
 * is {@code appendable}, {@code synthetic} (options of {@link SyntheticStreamSpec#parse}) or {@code
 * live} (options of {@link LiveStreamSpec#parse}).
 */
public final class EmulatorMain {

    private EmulatorMain() {}

    /** Starts the emulator as {@code args} say, prints its endpoints, and serves until killed. */
    public static void main(String[] args) throws InterruptedException {
        KinesisVideoEmulator emulator;
        try {
            emulator = start(System.out, args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: see the Javadoc of EmulatorMain or docs/emulator.md");
            System.exit(2);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    emulator.close();
                                    stopped.countDown();
                                },
                                "kvs-emulator-shutdown"));
        stopped.await();
    }

    /**
     * Builds and starts the emulator that {@code args} describe, and prints its endpoints, region,
     * access key (never the secret) and streams to {@code out}.
     *
     * @throws IllegalArgumentException for an unknown or malformed option
     */
    public static KinesisVideoEmulator start(PrintStream out, String... args) {
        KinesisVideoEmulatorBuilder builder =
                KinesisVideoEmulator.builder().controlPlanePort(4566).dataPlanePort(4567);
        List<String> streams = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--no-signature-check")) {
                builder.verifySignatures(false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.controlPlanePort(Integer.parseInt(value));
                case "--data-port" -> builder.dataPlanePort(Integer.parseInt(value));
                case "--region" -> builder.region(value);
                case "--account-id" -> builder.accountId(value);
                case "--access-key" -> builder.credentials(value, builder.secretKey);
                case "--secret-key" -> builder.credentials(builder.accessKey, value);
                case "--tps" -> builder.tpsPerStream(Integer.parseInt(value));
                case "--data-endpoint-account-tps" ->
                        builder.dataEndpointTpsPerAccount(Integer.parseInt(value));
                case "--seed" -> builder.seed(Long.parseLong(value));
                case "--short-pages" -> builder.shortPageProbability(Double.parseDouble(value));
                case "--empty-pages" -> builder.emptyPageProbability(Double.parseDouble(value));
                case "--token-ttl" -> builder.tokenTtl(SpecOptions.duration(value));
                case "--stream" -> streams.add(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        KinesisVideoEmulator emulator = builder.build();
        for (String stream : streams) {
            addStream(emulator, stream);
        }
        emulator.start();
        out.println("KVS emulator listening (127.0.0.1 only)");
        out.println("  control plane: " + emulator.controlPlaneEndpoint());
        out.println("  data plane:    " + emulator.dataPlaneEndpoint());
        out.println("  region:        " + emulator.region());
        out.println("  access key:    " + emulator.accessKey() + " (secret as configured)");
        out.println("  seed:          " + emulator.seed());
        for (String stream : streams) {
            String name = stream.split(":", 3)[1];
            out.println("  stream:        " + emulator.streamArn(name));
        }
        out.flush();
        return emulator;
    }

    /** Adds the stream of one {@code --stream kind:name[:options]} argument. */
    static void addStream(KinesisVideoEmulator emulator, String argument) {
        String[] parts = argument.split(":", 3);
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw new IllegalArgumentException(
                    "--stream expects kind:name[:options], got '" + argument + "'");
        }
        String options = parts.length == 3 ? parts[2] : "";
        switch (parts[0]) {
            case "appendable" -> {
                if (!options.isEmpty()) {
                    throw new IllegalArgumentException("appendable streams take no options");
                }
                emulator.createStream(parts[1]);
            }
            case "synthetic" ->
                    emulator.addSyntheticStream(parts[1], SyntheticStreamSpec.parse(options));
            case "live" -> emulator.addLiveStream(parts[1], LiveStreamSpec.parse(options));
            default ->
                    throw new IllegalArgumentException(
                            "stream kind must be appendable, synthetic or live, got '"
                                    + parts[0]
                                    + "'");
        }
    }
}
