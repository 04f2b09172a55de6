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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scans the log files that a run's processes (JobManager, TaskManagers, clients, emulator) wrote
 * under its home for the emulator's secret key, after checking that they hold the connector's own
 * events, so that the scan cannot pass on empty or unrelated logs.
 */
final class LogSecretScan {

    /** A connector INFO line that every TaskManager running a reader logs. */
    static final String CONNECTOR_EVENT = "ListFragments endpoint of stream";

    private LogSecretScan() {}

    static void assertConnectorLoggedButNoSecret(Path home) throws IOException {
        List<Path> logs;
        try (Stream<Path> files = Files.walk(home)) {
            logs =
                    files.filter(Files::isRegularFile)
                            .filter(
                                    f ->
                                            f.toString().endsWith(".log")
                                                    || f.toString().endsWith(".out"))
                            .toList();
        }
        StringBuilder all = new StringBuilder();
        List<String> leaking = new ArrayList<>();
        for (Path log : logs) {
            // Latin-1 reads any bytes; the secret is ASCII.
            String text = Files.readString(log, StandardCharsets.ISO_8859_1);
            all.append(text);
            if (text.contains(EmulatorProcess.SECRET_KEY)) {
                leaking.add(home.relativize(log).toString());
            }
        }
        assertThat(all).as("the connector's events in %s", logs).contains(CONNECTOR_EVENT);
        assertThat(leaking).as("log files holding the secret key").isEmpty();
    }
}
