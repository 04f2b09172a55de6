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

package dev.kvsflink.benchmarks;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ClientLimitExceededException;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.Fragment;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelector;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.FragmentSelectorType;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsRequest;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.TimestampRange;

import java.net.URI;
import java.time.Duration;

/**
 * The baseline: what a user writes today without the connector. One thread, stream after stream:
 * {@code GetDataEndpoint}, then the SDK's {@code listFragmentsPaginator} with pages of 1000, each
 * throttled call retried by the SDK after a simple exponential backoff (100 ms doubling up to 1 s,
 * with jitter, up to 20 attempts). The real AWS SDK v2 clients, pointed at the emulator.
 */
final class SdkBaseline {

    private static final int MAX_ATTEMPTS = 20;

    private final KinesisVideoEmulator emulator;
    private final StaticCredentialsProvider credentials;
    private final Region region;

    SdkBaseline(KinesisVideoEmulator emulator) {
        this.emulator = emulator;
        this.credentials =
                StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKey(), emulator.secretKey()));
        this.region = Region.of(emulator.region());
    }

    /** Lists every stream of {@code workload} in turn, adding each fragment to {@code tally}. */
    void read(Workload workload, Tally tally) {
        try (KinesisVideoClient control =
                KinesisVideoClient.builder()
                        .endpointOverride(emulator.controlPlaneEndpoint())
                        .region(region)
                        .credentialsProvider(credentials)
                        .overrideConfiguration(o -> o.retryStrategy(retryOnThrottling()))
                        .build()) {
            for (Workload.Stream stream : workload.streams()) {
                String dataEndpoint =
                        control.getDataEndpoint(
                                        r ->
                                                r.streamName(stream.name())
                                                        .apiName(APIName.LIST_FRAGMENTS))
                                .dataEndpoint();
                readStream(URI.create(dataEndpoint), stream.name(), workload, tally);
            }
        }
    }

    private void readStream(URI dataEndpoint, String stream, Workload workload, Tally tally) {
        try (KinesisVideoArchivedMediaClient media =
                KinesisVideoArchivedMediaClient.builder()
                        .endpointOverride(dataEndpoint)
                        .region(region)
                        .credentialsProvider(credentials)
                        .overrideConfiguration(o -> o.retryStrategy(retryOnThrottling()))
                        .build()) {
            ListFragmentsRequest request =
                    ListFragmentsRequest.builder()
                            .streamName(stream)
                            .maxResults(1000L)
                            .fragmentSelector(
                                    FragmentSelector.builder()
                                            .fragmentSelectorType(
                                                    FragmentSelectorType.SERVER_TIMESTAMP)
                                            .timestampRange(
                                                    TimestampRange.builder()
                                                            .startTimestamp(workload.start())
                                                            // inclusive: the last millisecond
                                                            .endTimestamp(
                                                                    workload.end().minusMillis(1))
                                                            .build())
                                            .build())
                            .build();
            for (ListFragmentsResponse page : media.listFragmentsPaginator(request)) {
                for (Fragment fragment : page.fragments()) {
                    tally.add(stream, fragment.fragmentNumber());
                }
            }
        }
    }

    /**
     * The SDK's standard strategy plus {@code ClientLimitExceededException}, which it does not
     * retry by itself; no circuit breaker (it would give up on a throttled stream).
     */
    private static RetryStrategy retryOnThrottling() {
        BackoffStrategy backoff =
                BackoffStrategy.exponentialDelayHalfJitter(
                        Duration.ofMillis(100), Duration.ofSeconds(1));
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(MAX_ATTEMPTS)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .circuitBreakerEnabled(false)
                .retryOnExceptionOrCauseInstanceOf(ClientLimitExceededException.class)
                .retryOnExceptionOrCauseInstanceOf(
                        software.amazon.awssdk.services.kinesisvideo.model
                                .ClientLimitExceededException.class)
                .build();
    }
}
