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

import com.fasterxml.jackson.databind.JsonNode;
import dev.kvsflink.connector.kinesisvideo.emulator.store.StreamRegistry;

import java.util.function.Supplier;

/**
 * {@code GetDataEndpoint}: validates the request, checks that the stream exists and answers with
 * the data plane's URL, whatever the {@code APIName}, as the service gives one endpoint per stream.
 */
final class GetDataEndpointOperation implements ApiHandler.OperationHandler {

    private static final String[] API_NAMES = {
        "PUT_MEDIA",
        "GET_MEDIA",
        "LIST_FRAGMENTS",
        "GET_MEDIA_FOR_FRAGMENT_LIST",
        "GET_HLS_STREAMING_SESSION_URL",
        "GET_DASH_STREAMING_SESSION_URL",
        "GET_CLIP",
        "GET_IMAGES"
    };

    private final ServiceContext context;
    private final Supplier<String> dataEndpoint;

    /** {@code dataEndpoint} gives the data plane's URL, known once the server has started. */
    GetDataEndpointOperation(ServiceContext context, Supplier<String> dataEndpoint) {
        this.context = context;
        this.dataEndpoint = dataEndpoint;
    }

    @Override
    public byte[] handle(JsonNode body) {
        RequestFields fields = RequestFields.of(body);
        fields.requiredEnum("APIName", API_NAMES);
        StreamRegistry.Stream stream = StreamAddress.resolve(fields, context.registry());
        context.admit(Operation.GET_DATA_ENDPOINT, stream);
        return JsonBodies.dataEndpoint(dataEndpoint.get());
    }
}
