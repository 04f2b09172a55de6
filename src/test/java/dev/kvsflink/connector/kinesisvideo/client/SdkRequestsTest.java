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

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideo.model.GetDataEndpointRequest;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests the SDK requests that {@link SdkRequests} builds. */
class SdkRequestsTest {

    private static final StreamRef BY_NAME = StreamRef.ofName("cam-1");
    private static final StreamRef BY_ARN =
            StreamRef.ofArn(
                    "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-1/1700000000000");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-01-01T01:00:00.250Z");

    @Test
    void streamGivenByNameIsSentAsStreamNameOnly() {
        var request = SdkRequests.listFragments(request(BY_NAME, null));

        assertThat(request.streamName()).isEqualTo("cam-1");
        assertThat(request.streamARN()).isNull();
    }

    @Test
    void streamGivenByArnIsSentAsStreamArnOnly() {
        var request = SdkRequests.listFragments(request(BY_ARN, null));

        assertThat(request.streamARN()).isEqualTo(BY_ARN.arn());
        assertThat(request.streamName()).isNull();
    }

    @Test
    void firstPageCarriesSelectorRangeAndMaxResultsWithoutToken() {
        var request = SdkRequests.listFragments(request(BY_NAME, null));

        assertThat(request.maxResults()).isEqualTo(250L);
        assertThat(request.nextToken()).isNull();
        assertThat(request.fragmentSelector().fragmentSelectorTypeAsString())
                .isEqualTo("PRODUCER_TIMESTAMP");
        assertThat(request.fragmentSelector().timestampRange().startTimestamp()).isEqualTo(START);
        assertThat(request.fragmentSelector().timestampRange().endTimestamp()).isEqualTo(END);
    }

    @Test
    void laterPagesCarryTheTokenAndStillTheSelector() {
        var request = SdkRequests.listFragments(request(BY_NAME, "tok=="));

        assertThat(request.nextToken()).isEqualTo("tok==");
        assertThat(request.fragmentSelector().timestampRange().startTimestamp()).isEqualTo(START);
    }

    @Test
    void requestsCarryTheStreamForTheListener() {
        var request = SdkRequests.listFragments(request(BY_ARN, null));

        assertThat(
                        request.overrideConfiguration()
                                .orElseThrow()
                                .executionAttributes()
                                .getAttribute(ListenerInterceptor.STREAM))
                .isEqualTo(BY_ARN);
    }

    @Test
    void getDataEndpointAsksForListFragmentsByNameOrArn() {
        GetDataEndpointRequest byName = SdkRequests.getDataEndpoint(BY_NAME);
        GetDataEndpointRequest byArn = SdkRequests.getDataEndpoint(BY_ARN);

        assertThat(byName.apiName()).isEqualTo(APIName.LIST_FRAGMENTS);
        assertThat(byName.streamName()).isEqualTo("cam-1");
        assertThat(byName.streamARN()).isNull();
        assertThat(byArn.streamARN()).isEqualTo(BY_ARN.arn());
        assertThat(byArn.streamName()).isNull();
    }

    private static ListFragmentsRequest request(StreamRef stream, String token) {
        return new ListFragmentsRequest(
                stream, FragmentSelectorType.PRODUCER_TIMESTAMP, START, END, 250, token);
    }
}
