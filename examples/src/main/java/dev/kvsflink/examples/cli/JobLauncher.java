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

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.util.concurrent.Callable;

/**
 * Starts an example job from its {@code main}, on a local MiniCluster ({@code java -jar}, an IDE)
 * or on the cluster it is submitted to ({@code flink run}, the REST API or the web UI, where {@code
 * main} runs inside the JobManager).
 *
 * <p>Locally the process exits 0 on success, {@link Cli#FAILED} when the job fails and {@link
 * Cli#BAD_ARGUMENTS} on bad arguments. On a cluster it never calls {@code System.exit}, which would
 * end the JobManager: bad arguments and failures are exceptions from {@code main}, which Flink
 * reports as the submission's failure.
 */
public final class JobLauncher {

    private JobLauncher() {}

    /** Parses {@code args} into {@code job} (picocli-annotated) and runs it, as described above. */
    public static void launch(Callable<Integer> job, String... args) throws Exception {
        CommandLine cli = Cli.of(job);
        if (runsOnLocalMiniCluster()) {
            System.exit(cli.execute(args));
        }
        ParseResult parsed = cli.parseArgs(args);
        if (!CommandLine.printHelpIfRequested(parsed)) {
            job.call();
        }
    }

    /**
     * Whether a job started now runs on a local MiniCluster in this JVM rather than on a cluster it
     * is submitted to.
     */
    public static boolean runsOnLocalMiniCluster() {
        return "local"
                .equals(
                        StreamExecutionEnvironment.getExecutionEnvironment()
                                .getConfiguration()
                                .get(DeploymentOptions.TARGET));
    }

    /**
     * A job's configuration with its restart strategy: none set when the job is submitted to a
     * cluster, since a strategy set in code would override the cluster's; exponential delay on a
     * local MiniCluster. Restarts must not run out: after a lost TaskManager they can be spent
     * deploying to it until the JobManager notices it is gone (up to the heartbeat timeout), and
     * errors that retrying cannot fix bypass the strategy anyway (source.errors.suppress-restarts).
     */
    public static Configuration jobConfiguration() {
        Configuration conf = new Configuration();
        if (runsOnLocalMiniCluster()) {
            conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        }
        return conf;
    }
}
