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

package dev.kvsflink.examples.fragmentindex;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The restart strategy the fragment-index job submits with: the cluster's when it is submitted to
 * one, exponential delay on a local MiniCluster. A strategy that runs out of attempts failed jobs
 * on a standalone cluster whose restarts were spent deploying to a killed TaskManager before the
 * JobManager noticed it was gone.
 *
 * <p>A context environment stands in for the one {@code flink run} (or the local launcher)
 * installs: it merges the cluster's options under the job's, as Flink's does, and stops at
 * submission, keeping the configuration the job would have been submitted with.
 */
class FragmentIndexJobRestartStrategyTest {

    @TempDir Path dir;

    @AfterEach
    void removeContext() {
        Submission.uninstall();
    }

    @Test
    void submittedToAClusterTheJobKeepsTheClustersRestartStrategy() throws Exception {
        Configuration cluster = new Configuration();
        cluster.set(DeploymentOptions.TARGET, "remote");
        cluster.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        cluster.setString("restart-strategy.exponential-delay.max-backoff", "7 min");

        Configuration submitted = submit(cluster);

        assertThat(restartKeys(submitted)).isEqualTo(restartKeys(cluster));
    }

    @Test
    void submittedToAClusterWithoutARestartStrategyTheJobSetsNone() throws Exception {
        Configuration cluster = new Configuration();
        cluster.set(DeploymentOptions.TARGET, "remote");

        Configuration submitted = submit(cluster);

        // Flink's default then applies: exponential delay for a checkpointed job.
        assertThat(restartKeys(submitted)).isEmpty();
    }

    @Test
    void onALocalMiniClusterTheJobRestartsWithExponentialDelay() throws Exception {
        Configuration local = new Configuration();
        local.set(DeploymentOptions.TARGET, "local");

        Configuration submitted = submit(local);

        assertThat(submitted.get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
    }

    private Configuration submit(Configuration clusterOptions) throws Exception {
        Submission.install(clusterOptions);
        FragmentIndexArgs args =
                FragmentIndexArgs.parse(
                        new String[] {
                            "--region", "us-east-1",
                            "--endpoint", "http://127.0.0.1:1",
                            "--stream", "cam-1",
                            "--start", "2026-01-01T00:00:00Z",
                            "--end", "2026-01-01T01:00:00Z",
                            "--output", dir.resolve("index").toString()
                        });
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        assertThatThrownBy(() -> FragmentIndexJob.run(args, new Configuration(), out))
                .isSameAs(Submission.STOPPED);
        assertThat(Submission.submitted).as("the job was submitted").isNotNull();
        return Submission.submitted;
    }

    private static Map<String, String> restartKeys(Configuration conf) {
        Map<String, String> keys = new TreeMap<>();
        conf.toMap()
                .forEach(
                        (key, value) -> {
                            if (key.startsWith("restart-strategy")) {
                                keys.put(key, value);
                            }
                        });
        return keys;
    }

    /** Environments that keep the configuration they would submit a job with, and stop there. */
    private static final class Submission extends StreamExecutionEnvironment {
        static final RuntimeException STOPPED = new RuntimeException("stopped at submission");
        static Configuration submitted;

        private Submission(Configuration configuration) {
            super(configuration);
        }

        static void install(Configuration clusterOptions) {
            submitted = null;
            initializeContextEnvironment(
                    jobOptions -> {
                        Configuration merged = new Configuration(clusterOptions);
                        merged.addAll(jobOptions);
                        return new Submission(merged);
                    });
        }

        static void uninstall() {
            resetContextEnvironment();
        }

        @Override
        public JobClient executeAsync(StreamGraph streamGraph) {
            submitted = Configuration.fromMap(getConfiguration().toMap());
            throw STOPPED;
        }
    }
}
