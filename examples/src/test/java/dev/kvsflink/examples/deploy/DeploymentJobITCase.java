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

package dev.kvsflink.examples.deploy;

import org.apache.flink.configuration.Configuration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.Operation;
import dev.kvsflink.connector.kinesisvideo.emulator.SelectorType;
import dev.kvsflink.connector.kinesisvideo.emulator.SyntheticStreamSpec;
import dev.kvsflink.examples.fragmentindex.ConfiguredFragmentIndexJob;
import dev.kvsflink.examples.fragmentindex.IndexSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job of the Kubernetes example, with its arguments and connector options, run against the
 * emulator posing as the account and region the files name: it indexes its streams exactly, and the
 * IAM policy grants exactly the actions it called, on the ARNs of those streams.
 */
class DeploymentJobITCase {

    private static final String ACCOUNT = "123456789012";

    private static KinesisVideoEmulator emulator;
    private static IndexSummary summary;
    private static Path output;

    @BeforeAll
    static void runTheDeployedJob(@TempDir Path tmp) throws Exception {
        List<String> args = DeploymentFiles.jobArgs();
        Instant start = Instant.parse(args.get(args.indexOf("--start") + 1));
        emulator = KinesisVideoEmulator.builder().region("us-east-1").accountId(ACCOUNT).build();
        emulator.start();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--stream")) {
                emulator.addSyntheticStream(
                        args.get(i + 1),
                        SyntheticStreamSpec.builder()
                                .seed(i)
                                .start(start.minus(Duration.ofHours(1)))
                                .interval(Duration.ofMinutes(1))
                                .fragments(26 * 60)
                                .build());
            }
        }
        output = tmp.resolve("index");
        List<String> local = new ArrayList<>(args);
        // The volume the pods mount is a local directory here; the endpoint is the emulator's.
        local.set(local.indexOf("--output") + 1, output.toString());
        local.addAll(List.of("--endpoint", emulator.controlPlaneEndpoint().toString()));

        Configuration conf = new Configuration();
        DeploymentFiles.flinkConfiguration().entrySet().stream()
                .filter(e -> e.getKey().startsWith("aws.") || e.getKey().startsWith("source."))
                .forEach(e -> conf.setString(e.getKey(), e.getValue()));
        // Pods get credentials from their role (AUTO); the emulator accepts only its own keys.
        conf.setString("aws.credentials.provider", "BASIC");
        conf.setString("aws.credentials.basic.accesskeyid", emulator.accessKey());
        conf.setString("aws.credentials.basic.secretkey", emulator.secretKey());

        summary =
                ConfiguredFragmentIndexJob.run(
                        local, conf, true, new PrintStream(OutputStream.nullOutputStream()));
    }

    @org.junit.jupiter.api.AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void jobIndexesEveryFragmentOfItsRange() throws Exception {
        List<String> args = DeploymentFiles.jobArgs();
        Instant start = Instant.parse(args.get(args.indexOf("--start") + 1));
        Instant end = Instant.parse(args.get(args.indexOf("--end") + 1));

        for (String stream : List.of("camera-1", "camera-2")) {
            int truth =
                    emulator.groundTruth(
                                    stream,
                                    SelectorType.SERVER_TIMESTAMP,
                                    start,
                                    end.minusMillis(1))
                            .size();
            assertThat(truth).isGreaterThan(1000);
            assertThat(summary.streams().get(stream).fragments()).isEqualTo(truth);
        }
    }

    @Test
    void policyGrantsExactlyTheActionsTheJobCalled() throws Exception {
        Set<String> called = new TreeSet<>();
        for (Operation operation : Operation.values()) {
            if (emulator.counters().requests(operation) > 0) {
                called.add("kinesisvideo:" + operation.apiName());
            }
        }
        Set<String> granted = new TreeSet<>();
        for (JsonNode statement : DeploymentFiles.policy().path("Statement")) {
            statement.path("Action").forEach(a -> granted.add(a.asText()));
        }

        assertThat(granted).isEqualTo(called);
    }

    @Test
    void policyResourceCoversTheJobsStreamsAndNoOthers() throws Exception {
        String resource =
                DeploymentFiles.policy().path("Statement").get(0).path("Resource").asText();
        emulator.createStream("billing-export");

        for (Map.Entry<String, Boolean> stream :
                Map.of("camera-1", true, "camera-2", true, "billing-export", false).entrySet()) {
            assertThat(
                            DeploymentFiles.iamPattern(resource)
                                    .matcher(emulator.streamArn(stream.getKey()))
                                    .matches())
                    .as("policy resource %s on %s", resource, emulator.streamArn(stream.getKey()))
                    .isEqualTo(stream.getValue());
        }
    }
}
