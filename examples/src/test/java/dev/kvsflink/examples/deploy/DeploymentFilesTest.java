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
import dev.kvsflink.connector.kinesisvideo.config.AwsClientOptions;
import dev.kvsflink.examples.config.ConnectorConfiguration;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Kubernetes and IAM files in {@code deploy/} name what the build makes. */
class DeploymentFilesTest {

    @Test
    void flinkDeploymentRunsTheDefaultBuildsFlinkLine() throws Exception {
        String flink = DeploymentFiles.rootPomProperty("flink.version");
        String[] parts = flink.split("\\.");

        JsonNode spec = DeploymentFiles.flinkDeployment().path("spec");

        assertThat(spec.path("flinkVersion").asText()).isEqualTo("v" + parts[0] + "_" + parts[1]);
        assertThat(DeploymentFiles.dockerfile()).contains("FROM flink:" + flink + "-java17");
    }

    @Test
    void imageTagIsTheReleaseOfTheDefaultLine() throws Exception {
        String release = DeploymentFiles.rootPomProperty("revision").replace("-SNAPSHOT", "");

        String image = DeploymentFiles.flinkDeployment().path("spec").path("image").asText();

        assertThat(image).endsWith(":" + release);
        assertThat(DeploymentFiles.dockerfile()).contains(":" + release + " .");
    }

    @Test
    void jobJarIsTheExamplesJarTheDockerfileCopies() throws Exception {
        String jarUri =
                DeploymentFiles.flinkDeployment().path("spec").path("job").path("jarURI").asText();
        String pom = Files.readString(DeploymentFiles.ROOT.resolve("examples/pom.xml"));

        assertThat(jarUri).startsWith("local://");
        String inImage = jarUri.substring("local://".length());
        assertThat(pom).contains("<finalName>fragment-index</finalName>");
        assertThat(DeploymentFiles.dockerfile())
                .contains("COPY examples/target/fragment-index.jar " + inImage);
    }

    @Test
    void entryClassIsAMainClassOfTheExamplesJar() throws Exception {
        String entryClass =
                DeploymentFiles.flinkDeployment()
                        .path("spec")
                        .path("job")
                        .path("entryClass")
                        .asText();

        Method main = Class.forName(entryClass).getMethod("main", String[].class);

        assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
    }

    @Test
    void connectorOptionsAreKnownKeysWithValidValues() throws Exception {
        Configuration conf = Configuration.fromMap(DeploymentFiles.flinkConfiguration());

        ConnectorConfiguration.checkConnectorKeys(conf);
        Configuration aws = ConnectorConfiguration.awsOptions(conf);
        Configuration source = ConnectorConfiguration.sourceOptions(conf);

        assertThat(aws.get(AwsClientOptions.AWS_REGION)).isEqualTo("us-east-1");
        assertThat(aws.get(AwsClientOptions.AWS_CREDENTIALS_PROVIDER))
                .isEqualTo(AwsClientOptions.CredentialsProvider.AUTO);
        assertThat(source.toMap()).containsKey("source.stream.list-fragments.budget-tps");
    }

    @Test
    void podsRunAsTheServiceAccountThatCarriesTheIrsaRole() throws Exception {
        Map<String, JsonNode> documents = DeploymentFiles.kubernetesDocuments();
        JsonNode account = documents.get("ServiceAccount");

        assertThat(documents.get("FlinkDeployment").path("spec").path("serviceAccount").asText())
                .isEqualTo(account.path("metadata").path("name").asText());
        assertThat(
                        account.path("metadata")
                                .path("annotations")
                                .path("eks.amazonaws.com/role-arn")
                                .asText())
                .matches("arn:aws:iam::\\d{12}:role/.+");
    }

    @Test
    void indexVolumeIsMountedWhereTheJobWritesIt() throws Exception {
        JsonNode spec = DeploymentFiles.flinkDeployment().path("spec");
        var args = DeploymentFiles.jobArgs();
        String output = args.get(args.indexOf("--output") + 1);

        JsonNode container = spec.path("podTemplate").path("spec").path("containers").get(0);

        assertThat(container.path("volumeMounts").get(0).path("mountPath").asText())
                .isEqualTo(output);
        assertThat(
                        spec.path("podTemplate")
                                .path("spec")
                                .path("volumes")
                                .get(0)
                                .path("persistentVolumeClaim")
                                .path("claimName")
                                .asText())
                .isEqualTo(
                        DeploymentFiles.kubernetesDocuments()
                                .get("PersistentVolumeClaim")
                                .path("metadata")
                                .path("name")
                                .asText());
    }

    @Test
    void policyGrantsOnlyOnStreamArnsOfKinesisVideo() throws Exception {
        for (JsonNode statement : DeploymentFiles.policy().path("Statement")) {
            assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
            assertThat(statement.path("Resource").asText())
                    .startsWith("arn:aws:kinesisvideo:")
                    .contains(":stream/");
            statement.path("Action").forEach(a -> assertThat(a.asText()).doesNotContain("*"));
        }
    }
}
