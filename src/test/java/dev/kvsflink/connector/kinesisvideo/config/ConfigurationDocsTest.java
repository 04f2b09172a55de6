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

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.HtmlFormatter;
import org.apache.flink.util.TimeUtils;

import dev.kvsflink.connector.kinesisvideo.testutils.GeneratedDocSection;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md's reference of every {@code source.*} and {@code aws.*} option is generated
 * from the {@code ConfigOption} constants: this test fails when the page drifts from the code, and
 * writes the section it expects to {@code target/configuration-options.md} to paste between the
 * markers.
 */
class ConfigurationDocsTest {

    @Test
    void referenceMatchesTheConfigOptions() throws IOException {
        GeneratedDocSection.assertMatches(
                "configuration.md",
                ConfigurationDocsTest.class,
                reference(),
                "configuration-options.md");
    }

    @Test
    void everyOptionHasADescriptionAndItsGroupsPrefix() {
        for (Group group : GROUPS) {
            for (Field field : optionFields(group.holder)) {
                ConfigOption<?> option = option(field);
                assertThat(option.key()).startsWith(group.prefix);
                assertThat(new HtmlFormatter().format(option.description()))
                        .as(option.key())
                        .isNotBlank();
            }
        }
    }

    private record Group(String title, String prefix, String setBy, Class<?> holder) {}

    private static final List<Group> GROUPS =
            List.of(
                    new Group(
                            "Source options",
                            "source.",
                            "`KinesisVideoFragmentSourceBuilder#sourceOptions(Configuration)`",
                            KinesisVideoSourceOptions.class),
                    new Group(
                            "AWS client options",
                            "aws.",
                            "`KinesisVideoFragmentSourceBuilder#awsOptions(Configuration)`"
                                    + " (`region(...)` and `endpoint(...)` set `aws.region` and `aws.endpoint`)",
                            AwsClientOptions.class),
                    new Group(
                            "Retry options",
                            "aws.retry-strategy.",
                            "`awsOptions(Configuration)`",
                            RetryOptions.class),
                    new Group(
                            "HTTP client options",
                            "aws.http-client.",
                            "`awsOptions(Configuration)`",
                            HttpClientOptions.class));

    /** The generated section: one table per options class, in the order of GROUPS. */
    static String reference() {
        StringBuilder out = new StringBuilder();
        for (Group group : GROUPS) {
            out.append("\n### ")
                    .append(group.title)
                    .append(" (`")
                    .append(group.prefix)
                    .append("*`, `")
                    .append(group.holder.getSimpleName())
                    .append("`)\n\nSet with ")
                    .append(group.setBy)
                    .append(".\n\n")
                    .append("| Key | Type | Default | Description |\n")
                    .append("|---|---|---|---|\n");
            List<Field> fields = optionFields(group.holder);
            fields.sort(Comparator.comparing(f -> option(f).key()));
            for (Field field : fields) {
                out.append(row(field)).append('\n');
            }
        }
        return out.append('\n').toString();
    }

    private static String row(Field field) {
        ConfigOption<?> option = option(field);
        String description =
                new HtmlFormatter()
                        .format(option.description())
                        .replace("|", "\\|")
                        .replace("\n", " ");
        return "| `"
                + option.key()
                + "` | "
                + typeOf(field)
                + " | "
                + defaultOf(option)
                + " | "
                + description
                + " |";
    }

    /** The option's value type, from the field's {@code ConfigOption<T>}. */
    private static String typeOf(Field field) {
        Type type = ((ParameterizedType) field.getGenericType()).getActualTypeArguments()[0];
        Class<?> clazz = (Class<?>) type;
        if (clazz.isEnum()) {
            return "Enum: "
                    + Arrays.stream(clazz.getEnumConstants())
                            .map(c -> "`" + c + "`")
                            .collect(Collectors.joining(", "));
        }
        return clazz.getSimpleName();
    }

    private static String defaultOf(ConfigOption<?> option) {
        if (!option.hasDefaultValue()) {
            return "(none)";
        }
        Object value = option.defaultValue();
        return "`"
                + (value instanceof Duration
                        ? TimeUtils.formatWithHighestUnit((Duration) value)
                        : String.valueOf(value))
                + "`";
    }

    private static List<Field> optionFields(Class<?> holder) {
        List<Field> fields = new ArrayList<>();
        for (Field field : holder.getFields()) {
            if (Modifier.isStatic(field.getModifiers())
                    && ConfigOption.class.isAssignableFrom(field.getType())) {
                fields.add(field);
            }
        }
        return fields;
    }

    private static ConfigOption<?> option(Field field) {
        try {
            return (ConfigOption<?>) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
