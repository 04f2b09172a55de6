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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelector;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.TimestampRange;

/** Builds the SDK's requests from the connector's. */
@Internal
final class SdkRequests {

    private SdkRequests() {}

    /** {@code GetDataEndpoint} for {@code ListFragments}, by name or by ARN. */
    static GetDataEndpointRequest getDataEndpoint(StreamRef stream) {
        GetDataEndpointRequest.Builder builder =
                GetDataEndpointRequest.builder()
                        .apiName(APIName.LIST_FRAGMENTS)
                        .overrideConfiguration(
                                o -> o.putExecutionAttribute(ListenerInterceptor.STREAM, stream));
        return stream.isArn()
                ? builder.streamARN(stream.arn()).build()
                : builder.streamName(stream.name()).build();
    }

    /**
     * {@code ListFragments}: exactly one of StreamName or StreamARN, MaxResults, NextToken when
     * present, and always the selector, which the service accepts together with a token (the SDK's
     * paginator sends it too), so that every page is asked with the same range.
     */
    static software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest
            listFragments(ListFragmentsRequest request) {
        StreamRef stream = request.stream();
        software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest.Builder
                builder =
                        software.amazon.awssdk.services.kinesisvideoarchivedmedia.model
                                .ListFragmentsRequest.builder()
                                .maxResults((long) request.maxResults())
                                .nextToken(request.nextToken())
                                .fragmentSelector(
                                        FragmentSelector.builder()
                                                .fragmentSelectorType(request.selector().name())
                                                .timestampRange(
                                                        TimestampRange.builder()
                                                                .startTimestamp(
                                                                        request.startInclusive())
                                                                .endTimestamp(
                                                                        request.endInclusive())
                                                                .build())
                                                .build())
                                .overrideConfiguration(
                                        o ->
                                                o.putExecutionAttribute(
                                                        ListenerInterceptor.STREAM, stream));
        return stream.isArn()
                ? builder.streamARN(stream.arn()).build()
                : builder.streamName(stream.name()).build();
    }
}
