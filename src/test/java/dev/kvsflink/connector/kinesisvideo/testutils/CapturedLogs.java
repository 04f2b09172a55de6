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

package dev.kvsflink.connector.kinesisvideo.testutils;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Captures every log event of every logger at DEBUG and above (message and stack trace) while it is
 * open, and keeps the console quiet meanwhile. For tests that scan logs for what must never appear.
 * Loggers named as quiet are held at INFO meanwhile, as a user's log configuration would.
 */
public final class CapturedLogs implements AutoCloseable {

    /**
     * The loggers that print the session token at DEBUG, by the SDK's and HttpClient's design, not
     * the connector's: the SDK's SigV4 signer logs the canonical request, and HttpClient's wire and
     * header loggers log every request, each with its {@code X-Amz-Security-Token} header (and the
     * access key id in {@code Authorization}). {@code docs/operations.md} says to keep them at
     * INFO.
     */
    public static final List<String> LOGGERS_TO_KEEP_QUIET =
            List.of(
                    "software.amazon.awssdk.http.auth.aws.internal.signer",
                    "org.apache.http.wire",
                    "org.apache.http.headers");

    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final LoggerContext context;
    private final LoggerConfig root;
    private final Level previousLevel;
    private final Map<String, Appender> previousAppenders;
    private final AbstractAppender appender;
    private final List<String> quietLoggers;
    private final Queue<String> debugEventLoggers = new ConcurrentLinkedQueue<>();

    private CapturedLogs(List<String> quietLoggers) {
        this.quietLoggers = quietLoggers;
        context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        root = config.getRootLogger();
        previousLevel = root.getLevel();
        previousAppenders = Map.copyOf(root.getAppenders());
        appender =
                new AbstractAppender("captured-logs", null, null, true, Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        StringBuilder line =
                                new StringBuilder(event.getLoggerName())
                                        .append(' ')
                                        .append(event.getMessage().getFormattedMessage());
                        if (event.getThrown() != null) {
                            StringWriter trace = new StringWriter();
                            event.getThrown().printStackTrace(new PrintWriter(trace));
                            line.append('\n').append(trace);
                        }
                        lines.add(line.toString());
                        if (event.getLevel() == Level.DEBUG) {
                            debugEventLoggers.add(event.getLoggerName());
                        }
                    }
                };
        appender.start();
        previousAppenders.keySet().forEach(root::removeAppender);
        root.addAppender(appender, Level.DEBUG, null);
        root.setLevel(Level.DEBUG);
        for (String name : quietLoggers) {
            config.addLogger(name, new LoggerConfig(name, Level.INFO, true));
        }
        context.updateLoggers();
    }

    /** Starts capturing. */
    public static CapturedLogs start() {
        return new CapturedLogs(List.of());
    }

    /** Starts capturing, with the loggers named by {@code quietLoggers} (and below) at INFO. */
    public static CapturedLogs startWithQuiet(List<String> quietLoggers) {
        return new CapturedLogs(List.copyOf(quietLoggers));
    }

    /** Everything logged so far, one entry per event, each starting with its logger's name. */
    public String text() {
        return String.join("\n", lines);
    }

    /** Everything logged so far by loggers whose names start with {@code loggerPrefix}. */
    public String textOf(String loggerPrefix) {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            if (line.startsWith(loggerPrefix)) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    /** How many DEBUG events were captured from loggers whose names start with the prefix. */
    public long debugEventsOf(String loggerPrefix) {
        return debugEventLoggers.stream().filter(name -> name.startsWith(loggerPrefix)).count();
    }

    /** How many events were captured. */
    public int size() {
        return lines.size();
    }

    @Override
    public void close() {
        root.removeAppender(appender.getName());
        previousAppenders.values().forEach(a -> root.addAppender(a, null, null));
        root.setLevel(previousLevel);
        quietLoggers.forEach(context.getConfiguration()::removeLogger);
        context.updateLoggers();
        appender.stop();
    }
}
