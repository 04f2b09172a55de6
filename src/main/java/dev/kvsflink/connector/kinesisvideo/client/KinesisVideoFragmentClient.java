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

/**
 * What the readers need of Kinesis Video Streams: one {@code ListFragments} page at a time. Hides
 * the AWS SDK: implementations resolve each stream's data endpoint with {@code GetDataEndpoint},
 * cache it, refresh it after a connection failure, and retry what is worth retrying.
 *
 * <p>Thread-safe: each reader owns one, which all its fetcher threads share, so that a stream's
 * data endpoint is resolved once per reader.
 */
@Internal
public interface KinesisVideoFragmentClient extends AutoCloseable {

    /**
     * Sends one {@code ListFragments} call and returns its page.
     *
     * @throws KinesisVideoServiceException when the service answered with an error that retrying
     *     did not (or cannot) fix
     * @throws InterruptedException when the calling thread is interrupted while waiting (for a
     *     retry's backoff or the request budget)
     */
    FragmentPage listFragments(ListFragmentsRequest request) throws InterruptedException;

    @Override
    void close();
}
