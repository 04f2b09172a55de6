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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.listAll;
import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.request;
import static dev.kvsflink.connector.kinesisvideo.emulator.SdkListing.toEmulated;
import static org.assertj.core.api.Assertions.assertThat;

/** Pagination through the SDK's paginator over short, empty and shuffled pages. */
class PaginationTest {

    @RegisterExtension
    static final EmulatorExtension EMULATOR =
            EmulatorExtension.create(
                    b ->
                            b.seed(3)
                                    .shortPageProbability(0.3)
                                    .emptyPageProbability(0.2)
                                    .tpsPerStream(0));

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant END = T0.plusSeconds(3600);

    private static AppendableStream stream(String name, int fragments) {
        AppendableStream stream = EMULATOR.emulator().createStream(name);
        for (int i = 0; i < fragments; i++) {
            stream.append(T0.plusSeconds(i));
        }
        return stream;
    }

    @Test
    void paginatorReturnsEveryFragmentExactlyOnceAcrossShortAndEmptyPages() {
        AppendableStream stream = stream("pages-complete", 500);
        List<EmulatedFragment> listed =
                listAll(EMULATOR, stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 20);

        assertThat(listed)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(stream.fragments());
        assertThat(EMULATOR.emulator().counters().emptyPages()).isPositive();
    }

    @Test
    void pagesAreShorterThanMaxResultsAndEmptyWhileCarryingANextToken() {
        AppendableStream stream = stream("pages-short", 500);
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(stream.name())) {
            List<ListFragmentsResponse> pages = new ArrayList<>();
            media.listFragmentsPaginator(
                            request(stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 20))
                    .forEach(pages::add);

            List<ListFragmentsResponse> withToken =
                    pages.stream().filter(p -> p.nextToken() != null).toList();
            assertThat(withToken).anyMatch(p -> p.fragments().isEmpty());
            assertThat(withToken)
                    .anyMatch(p -> !p.fragments().isEmpty() && p.fragments().size() < 20);
            assertThat(pages).allMatch(p -> p.fragments().size() <= 20);
        }
    }

    @Test
    void sameSeedGivesTheSamePageSizes() {
        assertThat(pageSizesOfAFreshEmulator(77)).isEqualTo(pageSizesOfAFreshEmulator(77));
        assertThat(pageSizesOfAFreshEmulator(77)).isNotEqualTo(pageSizesOfAFreshEmulator(78));
    }

    private static List<Integer> pageSizesOfAFreshEmulator(long seed) {
        try (KinesisVideoEmulator emulator =
                KinesisVideoEmulator.builder()
                        .seed(seed)
                        .tpsPerStream(0)
                        .shortPageProbability(0.3)
                        .emptyPageProbability(0.2)
                        .build()
                        .start()) {
            AppendableStream stream = emulator.createStream("seeded");
            for (int i = 0; i < 300; i++) {
                stream.append(T0.plusSeconds(i));
            }
            try (KinesisVideoArchivedMediaClient media =
                    KinesisVideoArchivedMediaClient.builder()
                            .endpointOverride(emulator.dataPlaneEndpoint())
                            .region(Region.of(emulator.region()))
                            .credentialsProvider(
                                    StaticCredentialsProvider.create(
                                            AwsBasicCredentials.create(
                                                    emulator.accessKey(), emulator.secretKey())))
                            .build()) {
                List<Integer> sizes = new ArrayList<>();
                media.listFragmentsPaginator(
                                request("seeded", SelectorType.SERVER_TIMESTAMP, T0, END, 20))
                        .forEach(page -> sizes.add(page.fragments().size()));
                return sizes;
            }
        }
    }

    @Test
    void twoListingsOfTheSameRangeComeInDifferentOrders() {
        AppendableStream stream = stream("pages-order", 200);
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(stream.name())) {
            ListFragmentsRequest listing =
                    request(stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 1000);

            List<EmulatedFragment> first = listAll(media, listing);
            List<EmulatedFragment> second = listAll(media, listing);

            assertThat(second).containsExactlyInAnyOrderElementsOf(first).isNotEqualTo(first);
        }
    }

    @Test
    void resultsAreNotInTimestampOrder() {
        AppendableStream stream = stream("pages-unordered", 200);
        List<EmulatedFragment> listed =
                listAll(EMULATOR, stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 1000);

        assertThat(listed).isNotEqualTo(stream.fragments()).hasSameSizeAs(stream.fragments());
    }

    @Test
    void resendingATokenReturnsTheSameFragmentsInAnotherOrder() {
        AppendableStream stream = stream("pages-resend", 300);
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(stream.name())) {
            ListFragmentsRequest first =
                    request(stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 1);
            String token = media.listFragments(first).nextToken();
            ListFragmentsRequest second =
                    first.toBuilder().maxResults(100L).nextToken(token).build();
            // Skip ahead to a page that holds several fragments, so that an order can differ.
            ListFragmentsResponse page = media.listFragments(second);
            while (page.fragments().size() < 10) {
                second = second.toBuilder().nextToken(page.nextToken()).build();
                page = media.listFragments(second);
            }

            List<EmulatedFragment> again =
                    media.listFragments(second).fragments().stream()
                            .map(SdkListing::toEmulated)
                            .toList();

            List<EmulatedFragment> once =
                    page.fragments().stream().map(SdkListing::toEmulated).toList();
            assertThat(again).containsExactlyInAnyOrderElementsOf(once).isNotEqualTo(once);
        }
    }

    @Test
    void aTokenWithoutTheSelectorContinuesTheListing() {
        AppendableStream stream = stream("pages-token-only", 50);
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(stream.name())) {
            ListFragmentsRequest first =
                    request(stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 10);
            ListFragmentsResponse page = media.listFragments(first);
            List<EmulatedFragment> all = new ArrayList<>();
            page.fragments().forEach(f -> all.add(toEmulated(f)));
            while (page.nextToken() != null) {
                page =
                        media.listFragments(
                                ListFragmentsRequest.builder()
                                        .streamName(stream.name())
                                        .maxResults(10L)
                                        .nextToken(page.nextToken())
                                        .build());
                page.fragments().forEach(f -> all.add(toEmulated(f)));
            }

            assertThat(all).containsExactlyInAnyOrderElementsOf(stream.fragments());
        }
    }

    @Test
    void fragmentsAppendedAfterTheFirstPageAreNotPartOfTheListing() {
        AppendableStream stream = stream("pages-snapshot", 30);
        List<EmulatedFragment> before = stream.fragments();
        try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient(stream.name())) {
            ListFragmentsRequest first =
                    request(stream.name(), SelectorType.SERVER_TIMESTAMP, T0, END, 5);
            List<EmulatedFragment> all = new ArrayList<>();
            ListFragmentsResponse page = media.listFragments(first);
            stream.append(T0.plusSeconds(40));
            while (true) {
                page.fragments().forEach(f -> all.add(toEmulated(f)));
                if (page.nextToken() == null) {
                    break;
                }
                page = media.listFragments(first.toBuilder().nextToken(page.nextToken()).build());
            }

            assertThat(all).containsExactlyInAnyOrderElementsOf(before);
        }
    }
}
