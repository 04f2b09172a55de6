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

package dev.kvsflink.connector.kinesisvideo.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import dev.kvsflink.connector.kinesisvideo.metrics.KinesisVideoSourceReaderMetrics;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;

import java.io.Serializable;

import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * Builds the readers of a Kinesis Video source: each with its metrics, its one {@link PacedClient}
 * (shared by its fetchers, paced to the reader's share of each budget) and split readers that list
 * through it.
 *
 * <p>Serializable: the source carries it to the TaskManagers.
 */
@Internal
public final class KinesisVideoSourceReaderFactory implements Serializable {
    private static final long serialVersionUID = 1L;

    private final KinesisVideoSourceSettings settings;
    private final Configuration sourceOptions;
    private final KinesisVideoFragmentClientFactory clientFactory;
    private final FragmentSelectorType selector;

    /**
     * @param settings the source's settings
     * @param sourceOptions the options of the reader's base class (e.g. its queue capacity)
     * @param clientFactory makes the one client of each reader
     * @param selector the timestamp the source reads by; a checkpoint of another fails the reader
     */
    public KinesisVideoSourceReaderFactory(
            KinesisVideoSourceSettings settings,
            Configuration sourceOptions,
            KinesisVideoFragmentClientFactory clientFactory,
            FragmentSelectorType selector) {
        this.settings = checkNotNull(settings, "settings must not be null");
        this.sourceOptions = new Configuration(checkNotNull(sourceOptions, "sourceOptions"));
        this.clientFactory = checkNotNull(clientFactory, "clientFactory must not be null");
        this.selector = checkNotNull(selector, "selector must not be null");
    }

    /** A new reader for {@code context}. */
    public SourceReader<KinesisVideoFragment, FragmentWindowSplit> create(
            SourceReaderContext context) {
        KinesisVideoSourceReaderMetrics metrics =
                new KinesisVideoSourceReaderMetrics(context.metricGroup());
        ErrorHandling errorHandling = ErrorHandling.from(settings);
        // One client per reader, not per fetcher: fetchers come and go with their windows, and
        // each new client resolved its streams' data endpoints again.
        PacedClient client =
                new PacedClient(
                        clientFactory,
                        metrics,
                        settings.listFragmentsBudget(),
                        settings.dataEndpointBudget(),
                        context.currentParallelism(),
                        errorHandling.throttlingTimeout());
        SettlePolicy settlePolicy = SettlePolicy.from(settings);
        return new KinesisVideoSourceReader(
                () ->
                        new FragmentWindowSplitReader(
                                client,
                                settings.maxResults(),
                                settings.maxFragments(),
                                metrics,
                                errorHandling,
                                settlePolicy),
                sourceOptions,
                context,
                settings.splitsInFlight(),
                settings.fetchThreads(),
                metrics,
                selector,
                client);
    }
}
