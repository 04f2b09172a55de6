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

import dev.kvsflink.connector.kinesisvideo.emulator.store.StreamRegistry;

import java.time.Clock;

/**
 * What the operations share: the streams, the quota, the runtime settings, the counters and the
 * clock.
 */
record ServiceContext(
        StreamRegistry registry,
        StreamQuota quota,
        EmulatorFaults faults,
        EmulatorCounters counters,
        Clock clock) {

    /**
     * Counts a request for {@code operation} on {@code stream} and applies the stream's quota.
     *
     * @throws ApiException ClientLimitExceededException when the quota is used up
     */
    void admit(Operation operation, StreamRegistry.Stream stream) {
        counters.streamResolved(operation, stream.name());
        int tps = faults.tpsPerStream(operation);
        if (!quota.tryAcquire(operation, stream.arn(), clock.millis(), tps)) {
            counters.requestThrottled(operation, stream.name());
            throw new ApiException(
                    ErrorType.CLIENT_LIMIT_EXCEEDED,
                    "Rate exceeded for "
                            + operation.apiName()
                            + " on stream "
                            + stream.name()
                            + ": limit is "
                            + tps
                            + " requests per second");
        }
    }
}
