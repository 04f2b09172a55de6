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
import org.apache.flink.annotation.VisibleForTesting;

import dev.kvsflink.connector.kinesisvideo.client.ClientListener;
import dev.kvsflink.connector.kinesisvideo.client.FragmentPage;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClient;
import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoFragmentClientFactory;
import dev.kvsflink.connector.kinesisvideo.client.ListFragmentsRequest;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.util.function.LongSupplier;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

/**
 * The one client of a reader, lent to each of its fetchers. A fetcher is shut down when it runs out
 * of windows and a new one started for the next: with a client of its own, each fetcher resolved
 * again the data endpoints of its streams, once per window. Sharing the client shares its endpoint
 * cache, so a reader calls {@code GetDataEndpoint} once per stream (again only after the endpoint
 * failed), and one HTTP connection pool.
 *
 * <p>{@code GetDataEndpoint} has a quota for the whole account (300 calls per second): the reader
 * paces those calls to its equal share of the job's budget, halving its pace after a throttled one
 * as {@link RequestPacer} does for a stream.
 *
 * <p>Thread-safe. Closed by the reader once its fetchers have stopped; closing a fetcher's loan
 * does nothing.
 */
@Internal
public final class ReaderClient implements AutoCloseable {

    private static final String GET_DATA_ENDPOINT = "GetDataEndpoint";

    private final RequestPacer dataEndpointPacer;
    private final KinesisVideoFragmentClient client;
    private final KinesisVideoFragmentClient loan;

    /**
     * @param listener hears of every call, for metrics and the stream budgets
     * @param dataEndpointBudget the {@code GetDataEndpoint} calls per second of the whole job
     * @param parallelism the number of readers sharing that budget
     */
    public ReaderClient(
            KinesisVideoFragmentClientFactory factory,
            ClientListener listener,
            double dataEndpointBudget,
            int parallelism) {
        this(
                factory,
                listener,
                dataEndpointBudget,
                parallelism,
                System::nanoTime,
                RequestPacer.Sleeper.SYSTEM);
    }

    @VisibleForTesting
    ReaderClient(
            KinesisVideoFragmentClientFactory factory,
            ClientListener listener,
            double dataEndpointBudget,
            int parallelism,
            LongSupplier nanoClock,
            RequestPacer.Sleeper sleeper) {
        checkNotNull(factory, "factory must not be null");
        checkNotNull(listener, "listener must not be null");
        checkArgument(parallelism >= 1, "parallelism must be >= 1, was %s", parallelism);
        this.dataEndpointPacer =
                new RequestPacer(dataEndpointBudget / parallelism, nanoClock, sleeper);
        this.client =
                factory.create(
                        listener.andThen(slowDownWhenThrottled()), dataEndpointPacer::awaitTurn);
        this.loan = new Loan(client);
    }

    /**
     * The client for one fetcher: the shared one, which the fetcher's {@code close()} leaves open.
     */
    public KinesisVideoFragmentClient forFetcher() {
        return loan;
    }

    /** The {@code GetDataEndpoint} calls per second this reader lets through now. */
    @VisibleForTesting
    double dataEndpointRate() {
        return dataEndpointPacer.rate();
    }

    @Override
    public void close() {
        client.close();
    }

    private ClientListener slowDownWhenThrottled() {
        return new ClientListener() {
            @Override
            public void throttled(String operation, StreamRef stream) {
                if (GET_DATA_ENDPOINT.equals(operation)) {
                    dataEndpointPacer.onThrottled();
                }
            }
        };
    }

    /** The shared client without its {@code close()}. */
    private static final class Loan implements KinesisVideoFragmentClient {
        private final KinesisVideoFragmentClient client;

        Loan(KinesisVideoFragmentClient client) {
            this.client = client;
        }

        @Override
        public FragmentPage listFragments(ListFragmentsRequest request)
                throws InterruptedException {
            return client.listFragments(request);
        }

        @Override
        public void close() {
            // The reader closes the client when all its fetchers have stopped.
        }
    }
}
