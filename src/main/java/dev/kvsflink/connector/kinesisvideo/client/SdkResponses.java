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

import org.apache.flink.annotation.Internal;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;

import javax.annotation.Nullable;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the SDK's answers and turns them into the connector's types. An answer the connector
 * cannot use fails with a {@link KinesisVideoServiceException} of type {@code InvalidResponse} that
 * names the field and the stream: a fragment is never skipped silently.
 */
@Internal
final class SdkResponses {

    static final String LIST_FRAGMENTS = "ListFragments";
    static final String GET_DATA_ENDPOINT = "GetDataEndpoint";

    private SdkResponses() {}

    /** The data endpoint of {@code stream}, an absolute http(s) URI. */
    static URI dataEndpoint(StreamRef stream, GetDataEndpointResponse response) {
        String endpoint = response.dataEndpoint();
        if (endpoint == null || endpoint.isBlank()) {
            throw invalid(GET_DATA_ENDPOINT, stream, response, "DataEndpoint is missing");
        }
        try {
            URI uri = new URI(endpoint.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw invalid(
                        GET_DATA_ENDPOINT,
                        stream,
                        response,
                        "DataEndpoint '" + endpoint + "' is not an absolute URI");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(
                    GET_DATA_ENDPOINT,
                    stream,
                    response,
                    "DataEndpoint '" + endpoint + "' is not a URI: " + e.getReason());
        }
    }

    /** The page of {@code stream} that {@code response} holds. */
    static FragmentPage page(StreamRef stream, ListFragmentsResponse response) {
        // An absent list is not an empty one: taken for an empty last page, it would end the
        // window with whatever the service did not say. Only "Fragments": [] is an empty page.
        if (!response.hasFragments()) {
            throw invalid(LIST_FRAGMENTS, stream, response, "Fragments is missing");
        }
        List<Fragment> fragments = response.fragments();
        List<KinesisVideoFragment> mapped = new ArrayList<>(fragments.size());
        for (int i = 0; i < fragments.size(); i++) {
            mapped.add(fragment(stream, response, i, fragments.get(i)));
        }
        String token = response.nextToken();
        if (token != null && token.isEmpty()) {
            // Neither a last page (that has no token) nor a token to send (1 to 4096 characters).
            throw invalid(
                    LIST_FRAGMENTS,
                    stream,
                    response,
                    "NextToken is empty: expected 1 to 4096 characters, or no NextToken on the last"
                            + " page");
        }
        return new FragmentPage(mapped, token);
    }

    private static KinesisVideoFragment fragment(
            StreamRef stream, ListFragmentsResponse response, int index, @Nullable Fragment f) {
        String where = "Fragments[" + index + "]";
        if (f == null) {
            throw invalid(LIST_FRAGMENTS, stream, response, where + " is null");
        }
        String number = f.fragmentNumber();
        if (number == null) {
            throw invalid(LIST_FRAGMENTS, stream, response, where + ".FragmentNumber is missing");
        }
        if (!KinesisVideoFragment.isFragmentNumber(number)) {
            throw invalid(
                    LIST_FRAGMENTS,
                    stream,
                    response,
                    where
                            + ".FragmentNumber '"
                            + abbreviate(number)
                            + "' is not a decimal number of 1 to 128 digits");
        }
        where = where + " (FragmentNumber " + number + ")";
        Long size = f.fragmentSizeInBytes();
        Long length = f.fragmentLengthInMilliseconds();
        if (size == null || size < 0) {
            throw invalid(
                    LIST_FRAGMENTS,
                    stream,
                    response,
                    where + ".FragmentSizeInBytes " + (size == null ? "is missing" : "is " + size));
        }
        if (length == null || length < 0) {
            throw invalid(
                    LIST_FRAGMENTS,
                    stream,
                    response,
                    where
                            + ".FragmentLengthInMilliseconds "
                            + (length == null ? "is missing" : "is " + length));
        }
        if (f.producerTimestamp() == null) {
            throw invalid(
                    LIST_FRAGMENTS, stream, response, where + ".ProducerTimestamp is missing");
        }
        if (f.serverTimestamp() == null) {
            throw invalid(LIST_FRAGMENTS, stream, response, where + ".ServerTimestamp is missing");
        }
        return new KinesisVideoFragment(
                stream.name(),
                stream.arn(),
                number,
                size,
                f.producerTimestamp(),
                f.serverTimestamp(),
                length);
    }

    private static String abbreviate(String s) {
        return s.length() <= 140 ? s : s.substring(0, 140) + "...";
    }

    private static KinesisVideoServiceException invalid(
            String operation, StreamRef stream, AwsResponse response, String problem) {
        return SdkErrors.invalidResponse(
                operation,
                stream,
                problem,
                response.responseMetadata() == null
                        ? null
                        : response.responseMetadata().requestId(),
                response.sdkHttpResponse() == null ? 0 : response.sdkHttpResponse().statusCode());
    }
}
