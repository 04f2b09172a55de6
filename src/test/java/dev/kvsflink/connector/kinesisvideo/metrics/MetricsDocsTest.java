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

package dev.kvsflink.connector.kinesisvideo.metrics;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/metrics.md names every metric (and group) that the source reader registers. */
class MetricsDocsTest {

    @Test
    void pageNamesEveryMetric() throws Exception {
        String page = Files.readString(Path.of("..", "docs", "metrics.md"), StandardCharsets.UTF_8);
        int names = 0;
        for (Field field : KinesisVideoSourceReaderMetrics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                String name = (String) field.get(null);
                assertThat(page).as("metrics.md names " + name).contains("`" + name);
                names++;
            }
        }
        assertThat(names).isGreaterThanOrEqualTo(9);
    }
}
