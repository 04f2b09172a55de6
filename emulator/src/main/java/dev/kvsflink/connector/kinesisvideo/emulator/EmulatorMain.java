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

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

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
 * <p>{@code --help} lists the options with their defaults. A bad argument prints one line naming
 * the option, the value and what is allowed, and exits 2.
 */
@Command(
        name = "kvs-emulator",
        mixinStandardHelpOptions = true,
        versionProvider = EmulatorMain.Version.class,
        sortOptions = false,
        description =
                "Serves the two Kinesis Video Streams endpoints that ListFragments needs, on"
                        + " 127.0.0.1 only, until stopped.")
public final class EmulatorMain implements Callable<Integer> {

    @Option(
            names = "--port",
            paramLabel = "PORT",
            converter = Port.class,
            description =
                    "The control plane's port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port = 4566;

    @Option(
            names = "--data-port",
            paramLabel = "PORT",
            converter = Port.class,
            description = "The data plane's port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int dataPort = 4567;

    @Option(
            names = "--region",
            paramLabel = "REGION",
            description = "The region signatures and ARNs name (default: ${DEFAULT-VALUE}).")
    String region = "us-east-1";

    @Option(
            names = "--account-id",
            paramLabel = "ID",
            description = "The account the ARNs name (default: ${DEFAULT-VALUE}).")
    String accountId = "123456789012";

    @Option(
            names = "--access-key",
            paramLabel = "KEY",
            description = "The access key id accepted (default: ${DEFAULT-VALUE}).")
    String accessKey = KinesisVideoEmulatorBuilder.DEFAULT_ACCESS_KEY;

    @Option(
            names = "--secret-key",
            paramLabel = "SECRET",
            description = "The secret key accepted (default: the builder's fixed test secret).")
    String secretKey = KinesisVideoEmulatorBuilder.DEFAULT_SECRET_KEY;

    @Option(names = "--no-signature-check", description = "Accept requests without checking them.")
    boolean noSignatureCheck;

    @Option(
            names = "--tps",
            paramLabel = "N",
            converter = NotNegative.class,
            description =
                    "Requests per second and stream on each operation, 0 for no limit (default:"
                            + " ${DEFAULT-VALUE}).")
    int tps = 5;

    @Option(
            names = "--data-endpoint-account-tps",
            paramLabel = "N",
            converter = NotNegative.class,
            description =
                    "GetDataEndpoint requests per second in the whole account, 0 for no limit"
                            + " (default: ${DEFAULT-VALUE}).")
    int dataEndpointAccountTps = 300;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "The seed of pages and faults (default: random, printed).")
    Long seed;

    @Option(
            names = "--short-pages",
            paramLabel = "P",
            converter = Probability.class,
            description =
                    "How likely a page holds fewer fragments than asked for (default:"
                            + " ${DEFAULT-VALUE}).")
    double shortPages = 0.10;

    @Option(
            names = "--empty-pages",
            paramLabel = "P",
            converter = Probability.class,
            description =
                    "How likely a page holds no fragment yet a NextToken (default:"
                            + " ${DEFAULT-VALUE}).")
    double emptyPages = 0.02;

    @Option(
            names = "--token-ttl",
            paramLabel = "DURATION",
            converter = PositiveDuration.class,
            description = "How long a NextToken stays valid, e.g. 5m (default: for ever).")
    Duration tokenTtl;

    @Option(
            names = "--stream",
            paramLabel = "KIND:NAME[:OPTIONS]",
            converter = StreamArgument.Parser.class,
            description =
                    "A stream to serve (repeatable): appendable:NAME, synthetic:NAME:OPTIONS (e.g."
                            + " seed=7,fragments=1000000) or live:NAME:OPTIONS (e.g. rate=2/s).")
    List<StreamArgument> streams = new ArrayList<>();

    @Spec CommandSpec spec;

    private final PrintStream out;

    EmulatorMain(PrintStream out) {
        this.out = out;
    }

    /** Starts the emulator as {@code args} say, prints its endpoints, and serves until killed. */
    public static void main(String[] args) {
        int code = commandLine(new EmulatorMain(System.out)).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Builds and starts the emulator that {@code args} describe, and prints its endpoints, region,
     * access key (never the secret) and streams to {@code out}.
     *
     * @throws ParameterException for an unknown or malformed option
     */
    public static KinesisVideoEmulator start(PrintStream out, String... args) {
        EmulatorMain main = new EmulatorMain(out);
        CommandLine cli = commandLine(main);
        cli.parseArgs(args);
        return main.start(cli);
    }

    /** The command line of {@code main}: one-line errors, exit code 2 for bad arguments. */
    static CommandLine commandLine(EmulatorMain main) {
        CommandLine cli = new CommandLine(main);
        cli.setOverwrittenOptionsAllowed(false);
        cli.setParameterExceptionHandler(
                (e, args) -> {
                    String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
                    e.getCommandLine()
                            .getErr()
                            .println("kvs-emulator: " + message + " (see --help)");
                    return CommandLine.ExitCode.USAGE;
                });
        return cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        KinesisVideoEmulator emulator = start(spec.commandLine());
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
        return 0;
    }

    private KinesisVideoEmulator start(CommandLine cli) {
        Set<String> names = new HashSet<>();
        for (StreamArgument stream : streams) {
            if (!names.add(stream.name())) {
                throw new ParameterException(
                        cli, "--stream '" + stream.name() + "' is given twice");
            }
        }
        KinesisVideoEmulatorBuilder builder =
                KinesisVideoEmulator.builder()
                        .controlPlanePort(port)
                        .dataPlanePort(dataPort)
                        .region(region)
                        .accountId(accountId)
                        .credentials(accessKey, secretKey)
                        .verifySignatures(!noSignatureCheck)
                        .tpsPerStream(tps)
                        .dataEndpointTpsPerAccount(dataEndpointAccountTps)
                        .shortPageProbability(shortPages)
                        .emptyPageProbability(emptyPages)
                        .tokenTtl(tokenTtl);
        if (seed != null) {
            builder.seed(seed);
        }
        KinesisVideoEmulator emulator = builder.build();
        for (StreamArgument stream : streams) {
            stream.add().accept(emulator);
        }
        emulator.start();
        out.println("KVS emulator listening (127.0.0.1 only)");
        out.println("  control plane: " + emulator.controlPlaneEndpoint());
        out.println("  data plane:    " + emulator.dataPlaneEndpoint());
        out.println("  region:        " + emulator.region());
        out.println("  access key:    " + emulator.accessKey() + " (secret as configured)");
        out.println("  seed:          " + emulator.seed());
        for (StreamArgument stream : streams) {
            out.println("  stream:        " + emulator.streamArn(stream.name()));
        }
        out.flush();
        return emulator;
    }

    /** One {@code --stream kind:name[:options]}: its name and how it is added. */
    record StreamArgument(String name, Consumer<KinesisVideoEmulator> add) {

        /** Parses the argument, and the options of its kind, when the command line is parsed. */
        static final class Parser implements ITypeConverter<StreamArgument> {
            @Override
            public StreamArgument convert(String argument) {
                String[] parts = argument.split(":", 3);
                if (parts.length < 2 || parts[1].isEmpty()) {
                    throw new TypeConversionException(
                            "'" + argument + "' is not kind:name[:options]");
                }
                String name = parts[1];
                String options = parts.length == 3 ? parts[2] : "";
                try {
                    return switch (parts[0]) {
                        case "appendable" -> {
                            if (!options.isEmpty()) {
                                throw new IllegalArgumentException(
                                        "appendable streams take no options");
                            }
                            yield new StreamArgument(name, e -> e.createStream(name));
                        }
                        case "synthetic" -> {
                            SyntheticStreamSpec spec = SyntheticStreamSpec.parse(options);
                            yield new StreamArgument(name, e -> e.addSyntheticStream(name, spec));
                        }
                        case "live" -> {
                            LiveStreamSpec spec = LiveStreamSpec.parse(options);
                            yield new StreamArgument(name, e -> e.addLiveStream(name, spec));
                        }
                        default ->
                                throw new IllegalArgumentException(
                                        "the kind '"
                                                + parts[0]
                                                + "' is not appendable, synthetic or live");
                    };
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("'" + argument + "': " + e.getMessage());
                }
            }
        }
    }

    /** A port on 127.0.0.1: 0 (any free one) to 65535. */
    static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 0, 65535, "a port from 0 (any free one) to 65535");
        }
    }

    /** A limit: 0 (none) or more. */
    static final class NotNegative implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 0, Integer.MAX_VALUE, "a whole number >= 0 (0 for none)");
        }
    }

    /** A probability from 0 to 1. */
    static final class Probability implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            try {
                double p = Double.parseDouble(value);
                if (p >= 0 && p <= 1) {
                    return p;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a probability from 0 to 1");
        }
    }

    /** A positive duration: 150ms, 2s, 10m, 1h, 1d or ISO-8601. */
    static final class PositiveDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                Duration d = SpecOptions.duration(value);
                if (!d.isNegative() && !d.isZero()) {
                    return d;
                }
            } catch (RuntimeException e) {
                // reported below
            }
            throw new TypeConversionException(
                    "'" + value + "' is not a positive duration such as 150ms, 2s, 5m or PT5M");
        }
    }

    private static int wholeNumber(String value, int min, int max, String allowed) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TypeConversionException("'" + value + "' is not " + allowed);
    }

    /** The version in the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EmulatorMain.class.getPackage().getImplementationVersion();
            return new String[] {
                "Kinesis Video Streams emulator "
                        + (version == null ? "(not run from a jar)" : version)
            };
        }
    }
}
