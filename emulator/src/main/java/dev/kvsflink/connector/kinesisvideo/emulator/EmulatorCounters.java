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

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the emulator has served since it started or was last {@link #reset()}: requests per
 * operation and stream, throttled and faulted requests, error answers by type, pages and fragments
 * returned. For tests and benchmarks to assert how efficiently a client calls the service.
 *
 * <p>A request counts for its operation as soon as the endpoint that serves it receives it (a
 * request sent to the wrong endpoint counts nowhere), and for its stream once the stream is
 * resolved. Thread-safe; reads are not a consistent snapshot while requests are in flight.
 */
public final class EmulatorCounters {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    EmulatorCounters() {}

    /** Requests received for {@code operation}, whatever their answer. */
    public long requests(Operation operation) {
        return get("requests/" + operation);
    }

    /** Requests received for {@code operation} on the stream named {@code streamName}. */
    public long requests(Operation operation, String streamName) {
        return get("requests/" + operation + "/" + streamName);
    }

    /** Requests for {@code operation} refused with {@code ClientLimitExceededException}. */
    public long throttled(Operation operation) {
        return get("throttled/" + operation);
    }

    /** Requests for {@code operation} on {@code streamName} that were throttled. */
    public long throttled(Operation operation, String streamName) {
        return get("throttled/" + operation + "/" + streamName);
    }

    /**
     * Requests for {@code operation} throttled by the account's quota rather than the stream's
     * (also counted in {@link #throttled(Operation)}).
     */
    public long throttledByAccountQuota(Operation operation) {
        return get("throttled/account/" + operation);
    }

    /** Requests that got an injected fault: an HTTP 500 or 503, or a closed connection. */
    public long faulted() {
        return get("faulted");
    }

    /** Requests answered with {@code errorType}, e.g. {@code InvalidArgumentException}. */
    public long errors(String errorType) {
        return get("errors/" + errorType);
    }

    /** Successful {@code ListFragments} answers. */
    public long pages() {
        return get("pages");
    }

    /** Successful {@code ListFragments} answers for {@code streamName}. */
    public long pages(String streamName) {
        return get("pages/" + streamName);
    }

    /** Successful {@code ListFragments} answers that held no fragment. */
    public long emptyPages() {
        return get("emptyPages");
    }

    /** Fragments returned by {@code ListFragments}, counting a fragment once per answer. */
    public long fragmentsReturned() {
        return get("fragments");
    }

    /** Fragments returned by {@code ListFragments} for {@code streamName}. */
    public long fragmentsReturned(String streamName) {
        return get("fragments/" + streamName);
    }

    /** Sets every counter to zero. */
    public void reset() {
        counts.clear();
    }

    /** Every non-zero counter by name, sorted; for logs and benchmark reports. */
    public Map<String, Long> asMap() {
        Map<String, Long> map = new TreeMap<>();
        counts.forEach((key, adder) -> map.put(key, adder.sum()));
        return map;
    }

    @Override
    public String toString() {
        return "EmulatorCounters" + asMap();
    }

    void requestReceived(Operation operation) {
        add("requests/" + operation, 1);
    }

    void streamResolved(Operation operation, String streamName) {
        add("requests/" + operation + "/" + streamName, 1);
    }

    void requestThrottled(Operation operation, String streamName) {
        add("throttled/" + operation, 1);
        add("throttled/" + operation + "/" + streamName, 1);
    }

    void accountQuotaExceeded(Operation operation) {
        add("throttled/account/" + operation, 1);
    }

    void faultInjected() {
        add("faulted", 1);
    }

    void errorAnswered(String errorType) {
        add("errors/" + errorType, 1);
    }

    void pageServed(String streamName, int fragments) {
        add("pages", 1);
        add("pages/" + streamName, 1);
        add("fragments", fragments);
        add("fragments/" + streamName, fragments);
        if (fragments == 0) {
            add("emptyPages", 1);
        }
    }

    private long get(String key) {
        LongAdder adder = counts.get(key);
        return adder == null ? 0 : adder.sum();
    }

    private void add(String key, long amount) {
        counts.computeIfAbsent(key, k -> new LongAdder()).add(amount);
    }
}
