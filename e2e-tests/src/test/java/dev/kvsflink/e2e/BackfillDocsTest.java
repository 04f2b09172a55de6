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

package dev.kvsflink.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * examples/backfill/README.md says what the script beside it does: the options it documents are the
 * script's, and its verifier command names the script's cameras.
 */
class BackfillDocsTest {

    @Test
    void theReadmesVerifierCommandNamesTheScriptsCameras() throws Exception {
        List<String> scriptCameras = matches("\"(synthetic:[^\"]+)\"", script());
        List<String> readmeCameras =
                matches("--stream (synthetic:[a-z-]+:\\S+)", readme().split("## The verifier")[1]);

        assertThat(scriptCameras).isNotEmpty();
        assertThat(readmeCameras).containsExactlyElementsOf(scriptCameras);
    }

    @Test
    void everyScriptOptionTheReadmeNamesIsInTheScriptsUsage() throws Exception {
        List<String> options = matches("`(--[a-z-]+)[ `]", readme().split("## The steps")[0]);

        assertThat(options).contains("--jar", "--work-dir", "--cluster");
        for (String option : options) {
            assertThat(script()).as("the script's usage names " + option).contains("  " + option);
        }
    }

    private static String script() throws Exception {
        return Files.readString(Distribution.backfillScript());
    }

    private static String readme() throws Exception {
        return Files.readString(Distribution.backfillScript().resolveSibling("README.md"));
    }

    private static List<String> matches(String regex, String text) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
