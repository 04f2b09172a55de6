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

package dev.kvsflink.connector.kinesisvideo.emulator.testutils;

import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulator;
import dev.kvsflink.connector.kinesisvideo.emulator.KinesisVideoEmulatorBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesisvideo.KinesisVideoClient;
import software.amazon.awssdk.services.kinesisvideo.model.APIName;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.KinesisVideoArchivedMediaClient;

import java.net.URI;
import java.util.function.Consumer;

/**
 * Runs a {@link KinesisVideoEmulator} for a test class (static field) or for each test (instance
 * field), and builds SDK clients pointed at it.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmulatorExtension EMULATOR = EmulatorExtension.create(b -> b.seed(7));
 *
 * @Test
 * void readsTheStream() {
 *     EMULATOR.emulator().createStream("cam-1").append(Instant.parse("2026-01-01T00:00:00Z"));
 *     try (KinesisVideoArchivedMediaClient media = EMULATOR.archivedMediaClient("cam-1")) { ... }
 * }
 * }</pre>
 *
 * <p>With a static field, the emulator's faults and counters are reset before each test so that one
 * test's throttle storm does not leak into the next; streams are kept, so give each test its own
 * stream names.
 */
public final class EmulatorExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final Consumer<KinesisVideoEmulatorBuilder> configuration;
    private KinesisVideoEmulator emulator;
    private boolean perClass;

    private EmulatorExtension(Consumer<KinesisVideoEmulatorBuilder> configuration) {
        this.configuration = configuration;
    }

    /** An extension running an emulator with the builder's defaults. */
    public static EmulatorExtension create() {
        return create(builder -> {});
    }

    /** An extension running an emulator configured by {@code configuration}. */
    public static EmulatorExtension create(Consumer<KinesisVideoEmulatorBuilder> configuration) {
        return new EmulatorExtension(configuration);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        emulator = newEmulator();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeEmulator();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            emulator = newEmulator();
        } else {
            emulator.faults().reset();
            emulator.counters().reset();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            closeEmulator();
        }
    }

    /** The running emulator. */
    public KinesisVideoEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("the emulator runs only while a test runs");
        }
        return emulator;
    }

    /** Credentials the emulator accepts. */
    public AwsCredentialsProvider credentialsProvider() {
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(emulator().accessKey(), emulator().secretKey()));
    }

    /** A new control-plane client (the caller closes it), with the SDK's default retries. */
    public KinesisVideoClient kinesisVideoClient() {
        return KinesisVideoClient.builder()
                .endpointOverride(emulator().controlPlaneEndpoint())
                .region(Region.of(emulator().region()))
                .credentialsProvider(credentialsProvider())
                .build();
    }

    /** The data endpoint of {@code streamName}, from {@code GetDataEndpoint}. */
    public URI dataEndpoint(String streamName) {
        try (KinesisVideoClient control = kinesisVideoClient()) {
            return URI.create(
                    control.getDataEndpoint(
                                    r -> r.streamName(streamName).apiName(APIName.LIST_FRAGMENTS))
                            .dataEndpoint());
        }
    }

    /**
     * A new data-plane client (the caller closes it) for the endpoint that {@code GetDataEndpoint}
     * returns for {@code streamName}, with the SDK's default retries.
     */
    public KinesisVideoArchivedMediaClient archivedMediaClient(String streamName) {
        return archivedMediaClient(dataEndpoint(streamName), true);
    }

    /** A new data-plane client for {@code endpoint}, with or without the SDK's retries. */
    public KinesisVideoArchivedMediaClient archivedMediaClient(URI endpoint, boolean retries) {
        return KinesisVideoArchivedMediaClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(emulator().region()))
                .credentialsProvider(credentialsProvider())
                .overrideConfiguration(
                        o -> {
                            if (!retries) {
                                o.retryStrategy(AwsRetryStrategy.doNotRetry());
                            }
                        })
                .build();
    }

    private KinesisVideoEmulator newEmulator() {
        KinesisVideoEmulatorBuilder builder = KinesisVideoEmulator.builder();
        configuration.accept(builder);
        return builder.build().start();
    }

    private void closeEmulator() {
        if (emulator != null) {
            emulator.close();
            emulator = null;
        }
    }
}
