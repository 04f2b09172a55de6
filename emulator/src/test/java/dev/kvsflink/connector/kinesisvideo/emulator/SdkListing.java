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

import dev.kvsflink.connector.kinesisvideo.emulator.testutils.EmulatorExtension;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelector;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.TimestampRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Helpers of the emulator's tests for listing through the real SDK client. */
final class SdkListing {

    private SdkListing() {}

    /** A {@code ListFragments} request for a stream name, selector, range and page size. */
    static ListFragmentsRequest request(
            String streamName, SelectorType selector, Instant start, Instant end, int maxResults) {
        return ListFragmentsRequest.builder()
                .streamName(streamName)
                .maxResults((long) maxResults)
                .fragmentSelector(selector(selector, start, end))
                .build();
    }

    /** The SDK's selector for ours. */
    static FragmentSelector selector(SelectorType selector, Instant start, Instant end) {
        return FragmentSelector.builder()
                .fragmentSelectorType(FragmentSelectorType.fromValue(selector.name()))
                .timestampRange(
                        TimestampRange.builder().startTimestamp(start).endTimestamp(end).build())
                .build();
    }

    /** Every fragment of a listing, through the SDK's paginator, in the order received. */
    static List<EmulatedFragment> listAll(
            KinesisVideoArchivedMediaClient client, ListFragmentsRequest request) {
        List<EmulatedFragment> all = new ArrayList<>();
        for (ListFragmentsResponse page : client.listFragmentsPaginator(request)) {
            page.fragments().forEach(f -> all.add(toEmulated(f)));
        }
        return all;
    }

    /**
     * Every fragment the SDK lists of {@code streamName} by {@code selector} in {@code [start,
     * end]}, in pages of at most {@code maxResults}, through a client opened for this listing only.
     */
    static List<EmulatedFragment> listAll(
            EmulatorExtension emulator,
            String streamName,
            SelectorType selector,
            Instant start,
            Instant end,
            int maxResults) {
        try (KinesisVideoArchivedMediaClient media = emulator.archivedMediaClient(streamName)) {
            return listAll(media, request(streamName, selector, start, end, maxResults));
        }
    }

    /** Our value for an SDK fragment, to compare with the ground truth. */
    static EmulatedFragment toEmulated(Fragment fragment) {
        return new EmulatedFragment(
                fragment.fragmentNumber(),
                fragment.fragmentSizeInBytes(),
                fragment.producerTimestamp(),
                fragment.serverTimestamp(),
                fragment.fragmentLengthInMilliseconds());
    }
}
