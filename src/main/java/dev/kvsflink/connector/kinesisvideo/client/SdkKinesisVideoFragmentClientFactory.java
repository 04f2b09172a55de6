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
import org.apache.flink.util.Preconditions;

/**
 * Creates {@link SdkKinesisVideoFragmentClient}s from validated settings. Serializable: it travels
 * with the source to the task managers, each of which builds its own SDK clients.
 */
@Internal
final class SdkKinesisVideoFragmentClientFactory implements KinesisVideoFragmentClientFactory {
    private static final long serialVersionUID = 1L;

    private final AwsClientSettings settings;

    SdkKinesisVideoFragmentClientFactory(AwsClientSettings settings) {
        this.settings = Preconditions.checkNotNull(settings, "settings");
    }

    @Override
    public KinesisVideoFragmentClient create(
            ClientListener listener, RequestGate dataEndpointGate) {
        return new SdkKinesisVideoFragmentClient(settings, listener, dataEndpointGate);
    }

    /** The settings every client is built from. */
    AwsClientSettings settings() {
        return settings;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdkKinesisVideoFragmentClientFactory
                && settings.equals(((SdkKinesisVideoFragmentClientFactory) o).settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return "SdkKinesisVideoFragmentClientFactory{" + settings + '}';
    }
}
