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

package dev.kvsflink.connector.kinesisvideo.testutils;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.client.RequestGate;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A serializable client factory over a dataset registered in this JVM (the MiniCluster runs in the
 * test's JVM), serving small shuffled pages so that listings take several calls.
 */
public final class FakeClientFactory implements KinesisVideoFragmentClientFactory {
    private static final long serialVersionUID = 1L;

    private static final Map<String, List<KinesisVideoFragment>> DATASETS =
            new ConcurrentHashMap<>();

    private final String datasetId;
    private final int pageSize;

    private FakeClientFactory(String datasetId, int pageSize) {
        this.datasetId = datasetId;
        this.pageSize = pageSize;
    }

    /** Registers {@code fragments} under {@code datasetId} and returns a factory serving them. */
    public static FakeClientFactory serving(
            String datasetId, List<KinesisVideoFragment> fragments, int pageSize) {
        DATASETS.put(datasetId, List.copyOf(fragments));
        return new FakeClientFactory(datasetId, pageSize);
    }

    @Override
    public KinesisVideoFragmentClient create(
            ClientListener listener, RequestGate dataEndpointGate) {
        List<KinesisVideoFragment> data = DATASETS.get(datasetId);
        if (data == null) {
            throw new IllegalStateException("No dataset " + datasetId + " in this JVM");
        }
        return new FakeFragmentClient(data, listener, System.nanoTime())
                .pageSize(pageSize)
                .emptyPageAfterEachPage()
                .duplicateFirstFragment();
    }
}
