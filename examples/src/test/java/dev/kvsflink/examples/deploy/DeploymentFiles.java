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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The files in {@code deploy/}, parsed, and the build facts they must agree with. */
final class DeploymentFiles {

    static final Path ROOT = Path.of("..");
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes/fragment-index.yaml");
    static final Path DOCKERFILE = ROOT.resolve("deploy/kubernetes/Dockerfile");
    static final Path POLICY = ROOT.resolve("deploy/iam/kinesis-video-source-policy.json");

    private DeploymentFiles() {}

    /** The documents of the Kubernetes file by {@code kind}. */
    static Map<String, JsonNode> kubernetesDocuments() throws IOException {
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (var documents = yaml.readerFor(JsonNode.class).readValues(KUBERNETES.toFile())) {
            while (documents.hasNext()) {
                JsonNode document = (JsonNode) documents.next();
                byKind.put(document.path("kind").asText(), document);
            }
        }
        return byKind;
    }

    static JsonNode flinkDeployment() throws IOException {
        return kubernetesDocuments().get("FlinkDeployment");
    }

    /** The job's arguments in the {@code FlinkDeployment}. */
    static List<String> jobArgs() throws IOException {
        List<String> args = new ArrayList<>();
        flinkDeployment().path("spec").path("job").path("args").forEach(a -> args.add(a.asText()));
        return args;
    }

    /** The {@code flinkConfiguration} of the {@code FlinkDeployment}, as strings. */
    static Map<String, String> flinkConfiguration() throws IOException {
        Map<String, String> conf = new LinkedHashMap<>();
        flinkDeployment()
                .path("spec")
                .path("flinkConfiguration")
                .fields()
                .forEachRemaining(e -> conf.put(e.getKey(), e.getValue().asText()));
        return conf;
    }

    static JsonNode policy() throws IOException {
        return new ObjectMapper().readTree(POLICY.toFile());
    }

    static String dockerfile() throws IOException {
        return Files.readString(DOCKERFILE);
    }

    /** A project property of the root {@code pom.xml} outside any profile: the default build. */
    static String rootPomProperty(String name) throws Exception {
        Document pom =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(ROOT.resolve("pom.xml").toFile());
        return XPathFactory.newInstance()
                .newXPath()
                .evaluate("/project/properties/" + name, pom)
                .trim();
    }

    /** An IAM resource pattern ({@code *} any run of characters, {@code ?} one) as a regex. */
    static Pattern iamPattern(String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : resource.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
