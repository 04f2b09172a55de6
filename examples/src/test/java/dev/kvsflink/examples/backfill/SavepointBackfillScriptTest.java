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

package dev.kvsflink.examples.backfill;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code backfill/savepoint-backfill.sh} reads from {@code flink run}'s output (its {@code
 * flink-cli.sh}), run by bash on sample outputs.
 */
class SavepointBackfillScriptTest {

    private static final Path FLINK_CLI = Path.of("backfill", "flink-cli.sh");

    private static final String JOB_ID = "5d8c5a4f0c1f4d3b9e2a7c6b1f0e9d8a";

    /** A CI workspace's path, named after the 40-digit commit hash it was cloned at. */
    private static final String WORKSPACE =
            "/home/runner/work/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b/savepoint-backfill";

    @TempDir Path dir;

    @Test
    void theJobIdComesFromTheSubmissionLineNotFromAHashInTheWorkDirectorysPath() throws Exception {
        String output =
                "fragment-index: 2 stream(s), 2026-01-01T00:00:00Z .. 2026-01-01T12:00:00Z by"
                        + " SERVER_TIMESTAMP, writing to "
                        + WORKSPACE
                        + "/index\n"
                        + "Job has been submitted with JobID "
                        + JOB_ID
                        + "\n";

        assertThat(submittedJobId(output)).isEqualTo(JOB_ID);
    }

    @Test
    void anOutputWithoutTheSubmissionLineGivesNoJobId() throws Exception {
        String output = "writing to " + WORKSPACE + "/index\nCould not submit the job\n";

        assertThat(submittedJobId(output)).isEmpty();
    }

    /** What the script's {@code submitted_job_id} prints for a file holding {@code output}. */
    private String submittedJobId(String output) throws IOException, InterruptedException {
        assertThat(FLINK_CLI).exists();
        Path log = Files.writeString(dir.resolve("run-1.log"), output);
        Process bash =
                new ProcessBuilder(
                                "bash",
                                "-c",
                                ". \"$1\" && submitted_job_id \"$2\"",
                                "bash",
                                FLINK_CLI.toString(),
                                log.toString())
                        .redirectErrorStream(true)
                        .start();
        String printed = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash ended").isTrue();
        assertThat(bash.exitValue()).as("exit status; output: %s", printed).isZero();
        return printed.strip();
    }
}
