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

package dev.kvsflink.connector.kinesisvideo.emulator;

import dev.kvsflink.connector.kinesisvideo.emulator.store.StreamRegistry;

import java.util.regex.Pattern;

/**
 * Resolves the {@code StreamName} / {@code StreamARN} pair of a request to a stream: exactly one of
 * them must be given and valid, and the stream must exist.
 */
final class StreamAddress {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final Pattern ARN =
            Pattern.compile(
                    "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+");

    private StreamAddress() {}

    /**
     * The stream the request addresses.
     *
     * @throws ApiException InvalidArgumentException for a bad or ambiguous address,
     *     ResourceNotFoundException for a stream that does not exist
     */
    static StreamRegistry.Stream resolve(RequestFields fields, StreamRegistry registry) {
        String name = fields.optionalString("StreamName", 1, 256, NAME);
        String arn = fields.optionalString("StreamARN", 1, 1024, ARN);
        if (name == null && arn == null) {
            throw ApiException.invalidArgument("Either StreamName or StreamARN must be specified");
        }
        if (name != null && arn != null) {
            throw ApiException.invalidArgument("Specify either StreamName or StreamARN, not both");
        }
        return (name != null ? registry.byName(name) : registry.byArn(arn))
                .orElseThrow(
                        () ->
                                new ApiException(
                                        ErrorType.RESOURCE_NOT_FOUND,
                                        "The stream "
                                                + (name != null ? name : arn)
                                                + " does not exist"));
    }
}
