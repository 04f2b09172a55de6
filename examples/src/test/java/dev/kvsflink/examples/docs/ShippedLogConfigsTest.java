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

package dev.kvsflink.examples.docs;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.properties.PropertiesConfigurationFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The log configurations the project ships keep the loggers that print the session token at DEBUG
 * (named in docs/operations.md, "Secrets") at INFO or above, also under the SQL jar's relocated
 * names, while they let the connector's warnings through.
 */
class ShippedLogConfigsTest {

    /** As {@code CapturedLogs.LOGGERS_TO_KEEP_QUIET} in the connector's tests. */
    private static final List<String> LOGGERS_TO_KEEP_QUIET =
            List.of(
                    "software.amazon.awssdk.http.auth.aws.internal.signer",
                    "org.apache.http.wire",
                    "org.apache.http.headers");

    private static final String SHADED = "dev.kvsflink.connector.kinesisvideo.shaded.";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "src/main/resources/log4j2.properties",
                "../benchmarks/src/main/resources/log4j2.properties"
            })
    void keepsTheLoggersThatPrintTheSessionTokenAboveDebug(String file) throws IOException {
        Configuration config = load(Path.of(file));

        assertThat(level(config, "dev.kvsflink.connector.kinesisvideo.source"))
                .isEqualTo(Level.WARN);
        for (String logger : LOGGERS_TO_KEEP_QUIET) {
            assertThat(level(config, logger).isMoreSpecificThan(Level.INFO)).as(logger).isTrue();
            assertThat(level(config, SHADED + logger).isMoreSpecificThan(Level.INFO))
                    .as(SHADED + logger)
                    .isTrue();
        }
    }

    private static Level level(Configuration config, String logger) {
        return config.getLoggerConfig(logger).getLevel();
    }

    private static Configuration load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Configuration config =
                    new PropertiesConfigurationFactory()
                            .getConfiguration(
                                    new LoggerContext("shipped"),
                                    new ConfigurationSource(in, file.toFile()));
            config.initialize();
            return config;
        }
    }
}
