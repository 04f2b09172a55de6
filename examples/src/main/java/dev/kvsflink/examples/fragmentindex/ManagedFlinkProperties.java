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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runtime properties of an Amazon Managed Service for Apache Flink application, which that
 * service writes to {@link #FILE} instead of passing program arguments: group {@value #JOB_GROUP}
 * holds the job's flags (key {@code stream} for {@code --stream}; a comma-separated value repeats a
 * repeatable flag; {@code true} sets a flag without a value), group {@value #CONNECTOR_GROUP} the
 * connector's {@code aws.*} and {@code source.*} options. Any other group is an error.
 */
public final class ManagedFlinkProperties {

    /** Where the service puts the properties in every JobManager and TaskManager container. */
    public static final Path FILE = Path.of("/etc/flink/application_properties.json");

    public static final String JOB_GROUP = "FragmentIndexJob";
    public static final String CONNECTOR_GROUP = "KinesisVideoSource";

    private static final Set<String> REPEATABLE = Set.of("stream", "stream-arn");

    private final List<String> jobArgs;
    private final Configuration connectorOptions;

    private ManagedFlinkProperties(List<String> jobArgs, Configuration connectorOptions) {
        this.jobArgs = jobArgs;
        this.connectorOptions = connectorOptions;
    }

    /** The properties in {@code file}; empty when there is no such file (not on the service). */
    public static Optional<ManagedFlinkProperties> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        JsonNode groups;
        try {
            groups = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the runtime properties in " + file, e);
        }
        if (!groups.isArray()) {
            throw new IllegalArgumentException(
                    file + " must hold an array of {PropertyGroupId, PropertyMap} objects");
        }
        List<String> args = new ArrayList<>();
        Configuration connector = new Configuration();
        for (JsonNode group : groups) {
            String id = group.path("PropertyGroupId").asText();
            Iterator<Map.Entry<String, JsonNode>> properties = group.path("PropertyMap").fields();
            switch (id) {
                case JOB_GROUP -> properties.forEachRemaining(p -> addFlag(args, p));
                case CONNECTOR_GROUP ->
                        properties.forEachRemaining(
                                p -> connector.setString(p.getKey(), p.getValue().asText()));
                default ->
                        throw new IllegalArgumentException(
                                "Unknown runtime property group '"
                                        + id
                                        + "': allowed are "
                                        + JOB_GROUP
                                        + " (the job's flags) and "
                                        + CONNECTOR_GROUP
                                        + " (aws.* and source.* options)");
            }
        }
        return Optional.of(new ManagedFlinkProperties(args, connector));
    }

    /** The job's command line that the {@value #JOB_GROUP} group stands for. */
    public List<String> jobArgs() {
        return jobArgs;
    }

    /** The {@value #CONNECTOR_GROUP} group, as connector options. */
    public Configuration connectorOptions() {
        return connectorOptions;
    }

    private static void addFlag(List<String> args, Map.Entry<String, JsonNode> property) {
        String flag = "--" + property.getKey();
        String value = property.getValue().asText();
        if (value.equals("true")) {
            args.add(flag);
        } else if (REPEATABLE.contains(property.getKey())) {
            for (String each : value.split(",")) {
                args.add(flag);
                args.add(each.trim());
            }
        } else {
            args.add(flag);
            args.add(value);
        }
    }
}
