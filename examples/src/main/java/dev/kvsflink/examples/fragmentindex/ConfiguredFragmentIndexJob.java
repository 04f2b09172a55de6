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
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import dev.kvsflink.examples.cli.Cli;
import dev.kvsflink.examples.cli.JobLauncher;
import dev.kvsflink.examples.config.ConnectorConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * The fragment-index job configured by a Flink configuration (a {@code config.yaml}, e.g. one of
 * {@code flink-conf-samples/}) as well as by its flags: the {@code aws.*} options, the {@code
 * source.*} options the job can apply, and, when it runs on a local MiniCluster, Flink's own
 * options.
 *
 * <pre>
 * java -cp fragment-index.jar dev.kvsflink.examples.fragmentindex.ConfiguredFragmentIndexJob \
 *   --conf-dir flink-conf-samples/local-development --demo
 * flink run -c dev.kvsflink.examples.fragmentindex.ConfiguredFragmentIndexJob fragment-index.jar ...
 * </pre>
 *
 * <p>Where the configuration comes from: on a cluster ({@code flink run}, the REST API), the
 * cluster's own configuration, which Flink has already applied to the job; with {@code java}, the
 * {@code config.yaml} in {@code --conf-dir DIR}, else in {@code $FLINK_CONF_DIR}, else none.
 *
 * <p>What is applied: every {@code aws.*} option (region and endpoint flags win; with {@code
 * --demo} the embedded emulator's region, endpoint and credentials win) and every {@code source.*}
 * option ({@code --budget-tps} and {@code --window} win over theirs). A connector key that does not
 * exist fails the run instead of being ignored. Flink's options go to the local MiniCluster; the
 * job's own settings (checkpoint interval 2 s, exponential-delay restarts, {@code
 * --checkpoint-dir}) win over them, as settings made in code win over {@code config.yaml} on a
 * cluster. On a cluster the job sets no restart strategy: the cluster's applies.
 */
@Command(
        name = "fragment-index",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.Version.class,
        sortOptions = false,
        description =
                "The fragment-index job configured by a Flink configuration as well as by its"
                        + " flags. Exit codes: 0 done, 1 the job failed, 2 bad arguments or"
                        + " configuration.")
public final class ConfiguredFragmentIndexJob implements Callable<Integer> {

    @Option(
            names = "--conf-dir",
            paramLabel = "DIR",
            description =
                    "The directory of the config.yaml to apply (default: $FLINK_CONF_DIR; ignored"
                            + " on a cluster, whose configuration applies).")
    @Nullable
    Path confDir;

    @Mixin FragmentIndexArgs args;

    @Spec CommandSpec spec;

    public static void main(String[] args) throws Exception {
        JobLauncher.launch(new ConfiguredFragmentIndexJob(), args);
    }

    @Override
    public Integer call() throws Exception {
        args.check(spec.commandLine());
        boolean local = JobLauncher.runsOnLocalMiniCluster();
        // On a cluster Flink has applied its configuration already; only the connector's options
        // are picked out of it.
        Configuration conf =
                local
                        ? load()
                        : Configuration.fromMap(
                                StreamExecutionEnvironment.getExecutionEnvironment()
                                        .getConfiguration()
                                        .toMap());
        try {
            ConnectorConfiguration.checkConnectorKeys(conf);
        } catch (IllegalArgumentException e) {
            throw Cli.badArgument(spec.commandLine(), e.getMessage());
        }
        run(args, conf, local, System.out);
        return 0;
    }

    /**
     * Runs the fragment-index job with {@code conf} applied as described in the class comment.
     *
     * @param args the job's flags (without {@code --conf-dir})
     * @param local whether Flink's options in {@code conf} go to a local MiniCluster (false on a
     *     cluster, which has applied them already)
     * @return the summary, or null when the job was submitted detached
     * @throws IllegalArgumentException for an unknown connector key, or a bad flag
     */
    @Nullable
    public static IndexSummary run(
            List<String> args, Configuration conf, boolean local, PrintStream out)
            throws Exception {
        ConnectorConfiguration.checkConnectorKeys(conf);
        return run(FragmentIndexArgs.parse(args.toArray(new String[0])), conf, local, out);
    }

    @Nullable
    private static IndexSummary run(
            FragmentIndexArgs parsed, Configuration conf, boolean local, PrintStream out)
            throws Exception {
        Configuration connector = ConnectorConfiguration.awsOptions(conf);
        connector.addAll(ConnectorConfiguration.sourceOptions(conf));
        if (local) {
            LocalContext.install(flinkOptions(conf));
        }
        try {
            return FragmentIndexJob.runOrDemo(parsed, connector, out);
        } finally {
            if (local) {
                LocalContext.uninstall();
            }
        }
    }

    /** {@code conf} without the connector's keys: what a Flink cluster would read. */
    static Configuration flinkOptions(Configuration conf) {
        Map<String, String> flink = new HashMap<>(conf.toMap());
        Set<String> connector = new java.util.HashSet<>(ConnectorConfiguration.awsKeys());
        connector.addAll(ConnectorConfiguration.sourceKeys());
        flink.keySet().removeAll(connector);
        return Configuration.fromMap(flink);
    }

    private Configuration load() {
        String dir = confDir != null ? confDir.toString() : System.getenv("FLINK_CONF_DIR");
        return dir == null ? new Configuration() : GlobalConfiguration.loadConfiguration(dir);
    }

    /**
     * Makes {@code StreamExecutionEnvironment.getExecutionEnvironment(jobOptions)} return an
     * environment that runs on a local MiniCluster with Flink's options from the configuration
     * under the job's own, as a cluster's context environment does. (The factory methods are
     * protected: hence a subclass. A {@code LocalStreamEnvironment} refuses to be created while a
     * context is set, so it is configured the way that class configures itself: target {@code
     * local}, attached.)
     */
    private abstract static class LocalContext extends StreamExecutionEnvironment {

        static void install(Configuration clusterOptions) {
            initializeContextEnvironment(
                    jobOptions -> {
                        Configuration merged = new Configuration(clusterOptions);
                        merged.addAll(jobOptions);
                        merged.set(DeploymentOptions.TARGET, "local");
                        merged.set(DeploymentOptions.ATTACHED, true);
                        return new StreamExecutionEnvironment(merged);
                    });
        }

        static void uninstall() {
            resetContextEnvironment();
        }
    }
}
