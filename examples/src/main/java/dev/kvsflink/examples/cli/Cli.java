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

package dev.kvsflink.examples.cli;

import org.apache.flink.util.TimeUtils;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The examples' command lines on picocli, all alike: {@code --help}/{@code -h} prints the usage
 * with the defaults (exit 0), {@code --version}/{@code -V} the version; a bad argument prints one
 * line naming the flag, the value and what is allowed, and exits {@link #BAD_ARGUMENTS}; a run that
 * fails prints its reason and exits {@link #FAILED}. Durations take the forms of the connector's
 * options ({@code 10 min}, {@code 30s}, {@code 500ms}) and ISO-8601 ({@code PT10M}), enums any
 * case.
 */
public final class Cli {

    /** The exit code of a run that failed. */
    public static final int FAILED = 1;

    /** The exit code of bad arguments. */
    public static final int BAD_ARGUMENTS = CommandLine.ExitCode.USAGE;

    private Cli() {}

    /** The command line of {@code command}, an object with picocli annotations. */
    public static CommandLine of(Object command) {
        CommandLine cli = new CommandLine(command);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOverwrittenOptionsAllowed(false);
        cli.registerConverter(Duration.class, Cli::positiveDuration);
        cli.registerConverter(Instant.class, Cli::instant);
        cli.registerConverter(URI.class, Cli::httpUrl);
        cli.setParameterExceptionHandler(Cli::oneLine);
        cli.setExecutionExceptionHandler(
                (e, failed, parsed) -> {
                    failed.getErr().println(failed.getCommandName() + ": failed: " + reason(e));
                    return FAILED;
                });
        return cli;
    }

    /** A bad argument of {@code cli}'s command: exit {@link #BAD_ARGUMENTS} with this message. */
    public static ParameterException badArgument(CommandLine cli, String message) {
        return new ParameterException(cli, message);
    }

    /** Fails with {@code message} as a bad argument unless {@code ok}. */
    public static void require(CommandLine cli, boolean ok, String message) {
        if (!ok) {
            throw badArgument(cli, message);
        }
    }

    /** Fails when any of {@code others} was given along with {@code flag}, saying {@code why}. */
    public static void exclusive(CommandLine cli, String flag, String why, String... others) {
        if (!cli.getParseResult().hasMatchedOption(flag)) {
            return;
        }
        for (String other : others) {
            require(
                    cli,
                    !cli.getParseResult().hasMatchedOption(other),
                    flag + " and " + other + " exclude each other: " + why);
        }
    }

    /**
     * The one-line reason for a failed run: the service error when there is one (it names the
     * operation, stream, error type and request id), otherwise the innermost cause.
     */
    public static String reason(Throwable e) {
        Throwable innermost = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KinesisVideoServiceException) {
                return t.getMessage();
            }
            innermost = t;
        }
        return innermost.getMessage() == null ? innermost.toString() : innermost.getMessage();
    }

    private static int oneLine(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        // picocli's own messages may span lines (e.g. the suggestions for a misspelt option).
        String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", "; ");
        cli.getErr().println(cli.getCommandName() + ": " + message + " (see --help)");
        return BAD_ARGUMENTS;
    }

    private static Duration positiveDuration(String value) {
        Duration duration;
        try {
            duration = TimeUtils.parseDuration(value);
        } catch (IllegalArgumentException e) {
            // Flink 1.20's parser has no ISO-8601; the CLIs accept it on every Flink line.
            duration = isoDuration(value);
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException(
                    "'" + value + "' is not a positive duration such as 10 min, 30s or PT10M");
        }
        return duration;
    }

    private static Duration isoDuration(String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException(
                    "'" + value + "' is not an ISO-8601 UTC instant such as 2026-01-01T00:00:00Z");
        }
    }

    private static URI httpUrl(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new TypeConversionException(
                "'" + value + "' is not an http(s) URL such as http://127.0.0.1:4566");
    }

    /** Whole numbers of at least 1 (parallelisms, counts). */
    public static final class PositiveInt implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            try {
                int n = Integer.parseInt(value.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new TypeConversionException("'" + value + "' is not a whole number >= 1");
        }
    }

    /** The version in the jar's manifest. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {
                "Kinesis Video Streams fragment source examples "
                        + (version == null ? "(not run from a jar)" : version)
            };
        }
    }
}
