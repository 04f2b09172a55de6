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
 * What the operations share: the streams, the quotas, the runtime settings, the counters, the clock
 * and the account's id.
 */
record ServiceContext(
        StreamRegistry registry,
        StreamQuota quota,
        EmulatorFaults faults,
        EmulatorCounters counters,
        Clock clock,
        String accountId) {

    /**
     * Counts a request for {@code operation} on {@code stream} and applies the stream's quota, then
     * for {@code GetDataEndpoint} the account's. A request one quota refuses uses up neither.
     *
     * @throws ApiException ClientLimitExceededException when a quota is used up
     */
    void admit(Operation operation, StreamRegistry.Stream stream) {
        counters.streamResolved(operation, stream.name());
        long now = clock.millis();
        int tps = faults.tpsPerStream(operation);
        if (!quota.tryAcquire(operation, stream.arn(), now, tps)) {
            throw throttled(operation, stream, "on stream " + stream.name(), tps);
        }
        if (operation == Operation.GET_DATA_ENDPOINT) {
            int accountTps = faults.dataEndpointTpsPerAccount();
            if (!quota.tryAcquire(operation, "account " + accountId, now, accountTps)) {
                quota.release(operation, stream.arn(), now);
                counters.accountQuotaExceeded(operation);
                throw throttled(operation, stream, "in account " + accountId, accountTps);
            }
        }
    }

    private ApiException throttled(
            Operation operation, StreamRegistry.Stream stream, String scope, int tps) {
        counters.requestThrottled(operation, stream.name());
        return new ApiException(
                ErrorType.CLIENT_LIMIT_EXCEEDED,
                "Rate exceeded for "
                        + operation.apiName()
                        + " "
                        + scope
                        + ": limit is "
                        + tps
                        + " requests per second");
    }
}
