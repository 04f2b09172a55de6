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

package dev.kvsflink.connector.kinesisvideo.client;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/troubleshooting.md covers every error type the connector treats specially: each permanent
 * type (failing the job at once) and the throttling type. Fails when a type is added to the code
 * and not to the page.
 */
class TroubleshootingDocsTest {

    private static final Path PAGE = Path.of("..", "docs", "troubleshooting.md");

    @Test
    void pageNamesEveryPermanentAndThrottlingErrorType() throws Exception {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        for (String type : permanentTypes()) {
            assertThat(page).as("troubleshooting.md names " + type).contains("`" + type + "`");
            assertThat(exception(type).isPermanent()).isTrue();
        }
        assertThat(page).contains("`" + SdkErrors.CLIENT_LIMIT_EXCEEDED + "`");
        assertThat(exception(SdkErrors.CLIENT_LIMIT_EXCEEDED).isThrottling()).isTrue();
    }

    @Test
    void pageQuotesTheServiceExceptionsFormat() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        assertThat(
                        new KinesisVideoServiceException(
                                        "ListFragments",
                                        "cam-1",
                                        "ResourceNotFoundException",
                                        "gone",
                                        "r-1",
                                        404,
                                        null)
                                .getMessage())
                .isEqualTo(
                        "ListFragments on stream 'cam-1' failed: ResourceNotFoundException (HTTP"
                                + " 404): gone [request id: r-1]");
        assertThat(page)
                .contains(
                        "<operation> on stream '<name or ARN>' failed: <error type> (HTTP"
                                + " <status>): <service message> [request id:"
                                + " <x-amzn-RequestId>]");
    }

    @SuppressWarnings("unchecked")
    private static Set<String> permanentTypes() throws ReflectiveOperationException {
        Field field = KinesisVideoServiceException.class.getDeclaredField("PERMANENT_ERROR_TYPES");
        field.setAccessible(true);
        return (Set<String>) field.get(null);
    }

    private static KinesisVideoServiceException exception(String type) {
        return new KinesisVideoServiceException("ListFragments", "cam", type, "m", null, 400, null);
    }
}
