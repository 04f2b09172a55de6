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

import java.time.Duration;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The emulator's runtime knobs for misbehaving: added latency, injected HTTP 500/503 answers,
 * connections closed without an answer, injected throttles, broken HTTP 200 bodies, and the request
 * quotas (per stream, and the account's of {@code GetDataEndpoint}). Every setting takes effect
 * from the next request and can be changed while clients are running.
 *
 * <pre>{@code
 * emulator.faults().tpsPerStream(1);               // a throttle storm
 * emulator.faults().http503Fraction(0.2).onlyFor(Operation.LIST_FRAGMENTS);
 * emulator.faults().rawAnswer("{}", 1);          // the next answer is a bare {}
 * emulator.faults().reset();                       // back to a healthy service
 * }</pre>
 *
 * <p>Faults are drawn per request, before the signature is checked, and apply to the operations
 * given to {@link #onlyFor} (both by default). A broken body ({@link #rawAnswer}, {@link #cutBody},
 * {@link #stallBody}) replaces the next successful answers instead, after the request was checked
 * and served. Thread-safe.
 */
public final class EmulatorFaults {

    /** What a request suffers, drawn by {@link #draw}. */
    enum Fault {
        NONE,
        HTTP_500,
        HTTP_503,
        CLOSE_CONNECTION,
        THROTTLE
    }

    private final int defaultTps;
    private final int defaultDataEndpointTpsPerAccount;
    private volatile int dataEndpointTpsPerAccount;
    private final Random random;
    private volatile long latencyMs;
    private volatile long jitterMs;
    private volatile double http500Fraction;
    private volatile double http503Fraction;
    private volatile double closeConnectionFraction;
    private volatile double throttleFraction;
    private volatile Set<Operation> scope = EnumSet.allOf(Operation.class);
    private volatile BodyFault bodyFault;
    private final AtomicInteger bodyFaultsLeft = new AtomicInteger();

    /** Requests per second and stream, by operation ordinal; 0 for no limit. */
    private final AtomicIntegerArray tps = new AtomicIntegerArray(Operation.values().length);

    EmulatorFaults(int defaultTps, int defaultDataEndpointTpsPerAccount, long seed) {
        this.defaultTps = defaultTps;
        this.defaultDataEndpointTpsPerAccount = defaultDataEndpointTpsPerAccount;
        this.random = new Random(seed);
        reset();
    }

    /** Adds {@code fixed} plus a uniform delay in {@code [0, jitter]} before every answer. */
    public EmulatorFaults latency(Duration fixed, Duration jitter) {
        if (fixed.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("latency and jitter must be >= 0");
        }
        this.latencyMs = fixed.toMillis();
        this.jitterMs = jitter.toMillis();
        return this;
    }

    /** Answers this fraction of requests with HTTP 500 {@code InternalFailure}. */
    public EmulatorFaults http500Fraction(double fraction) {
        checkFractions(fraction, http503Fraction, closeConnectionFraction + throttleFraction);
        this.http500Fraction = fraction;
        return this;
    }

    /** Answers this fraction of requests with HTTP 503 {@code ServiceUnavailable}. */
    public EmulatorFaults http503Fraction(double fraction) {
        checkFractions(http500Fraction, fraction, closeConnectionFraction + throttleFraction);
        this.http503Fraction = fraction;
        return this;
    }

    /** Closes the connection of this fraction of requests without sending any answer. */
    public EmulatorFaults closeConnectionFraction(double fraction) {
        checkFractions(http500Fraction, http503Fraction, fraction + throttleFraction);
        this.closeConnectionFraction = fraction;
        return this;
    }

    /**
     * Answers the next {@code count} successful requests with HTTP 200 and exactly {@code body}.
     */
    public EmulatorFaults rawAnswer(String body, int count) {
        return bodyFault(BodyFault.raw(body), count);
    }

    /**
     * Sends only the first half of the next {@code count} successful answers (with the whole
     * answer's {@code Content-Length}), then closes the connection.
     */
    public EmulatorFaults cutBody(int count) {
        return bodyFault(BodyFault.cut(), count);
    }

    /**
     * Sends the first half of the next {@code count} successful answers, then nothing for {@code
     * stall} (longer than a client's socket timeout, to test it), then closes the connection.
     */
    public EmulatorFaults stallBody(Duration stall, int count) {
        if (stall.isNegative() || stall.isZero()) {
            throw new IllegalArgumentException("stall must be > 0, was " + stall);
        }
        return bodyFault(BodyFault.stall(stall), count);
    }

    private EmulatorFaults bodyFault(BodyFault fault, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        this.bodyFault = fault;
        bodyFaultsLeft.set(count);
        return this;
    }

    /**
     * Answers this fraction of requests with {@code ClientLimitExceededException} (HTTP 400), as if
     * the quota were used up, whatever the quota says.
     */
    public EmulatorFaults throttleFraction(double fraction) {
        checkFractions(http500Fraction, http503Fraction, closeConnectionFraction + fraction);
        this.throttleFraction = fraction;
        return this;
    }

    /** Limits the latency and error faults to these operations. */
    public EmulatorFaults onlyFor(Operation first, Operation... more) {
        this.scope = EnumSet.of(first, more);
        return this;
    }

    /** Allows {@code tps} requests per second and stream on each operation; 0 for no limit. */
    public EmulatorFaults tpsPerStream(int tps) {
        for (Operation operation : Operation.values()) {
            tpsPerStream(operation, tps);
        }
        return this;
    }

    /** Allows {@code tps} requests per second and stream on {@code operation}; 0 for no limit. */
    public EmulatorFaults tpsPerStream(Operation operation, int tps) {
        if (tps < 0) {
            throw new IllegalArgumentException("tps must be >= 0, was " + tps);
        }
        this.tps.set(operation.ordinal(), tps);
        return this;
    }

    /** The requests allowed per second and stream on {@code operation}; 0 means no limit. */
    public int tpsPerStream(Operation operation) {
        return tps.get(operation.ordinal());
    }

    /**
     * Allows {@code tps} {@code GetDataEndpoint} requests per second in the whole account, all
     * streams together; 0 for no limit.
     */
    public EmulatorFaults dataEndpointTpsPerAccount(int tps) {
        if (tps < 0) {
            throw new IllegalArgumentException(
                    "dataEndpointTpsPerAccount must be >= 0, was " + tps);
        }
        this.dataEndpointTpsPerAccount = tps;
        return this;
    }

    /** The {@code GetDataEndpoint} requests allowed per second in the account; 0 means no limit. */
    public int dataEndpointTpsPerAccount() {
        return dataEndpointTpsPerAccount;
    }

    /**
     * No latency, errors, closed connections, injected throttles or broken bodies, the builder's
     * quotas, on both operations.
     */
    public EmulatorFaults reset() {
        bodyFaultsLeft.set(0);
        bodyFault = null;
        latencyMs = 0;
        jitterMs = 0;
        http500Fraction = 0;
        http503Fraction = 0;
        closeConnectionFraction = 0;
        throttleFraction = 0;
        scope = EnumSet.allOf(Operation.class);
        dataEndpointTpsPerAccount = defaultDataEndpointTpsPerAccount;
        return tpsPerStream(defaultTps);
    }

    /** The delay to add before answering a request for {@code operation}, in ms. */
    long delayMillis(Operation operation) {
        if (operation == null || !scope.contains(operation)) {
            return 0;
        }
        long jitter = jitterMs;
        return latencyMs + (jitter == 0 ? 0 : (long) (random.nextDouble() * (jitter + 1)));
    }

    /** The fault a request for {@code operation} suffers. */
    Fault draw(Operation operation) {
        if (operation == null || !scope.contains(operation)) {
            return Fault.NONE;
        }
        double c500 = http500Fraction;
        double c503 = c500 + http503Fraction;
        double close = c503 + closeConnectionFraction;
        double throttle = close + throttleFraction;
        if (throttle == 0) {
            return Fault.NONE;
        }
        double u = random.nextDouble();
        if (u < c500) {
            return Fault.HTTP_500;
        }
        if (u < c503) {
            return Fault.HTTP_503;
        }
        if (u < close) {
            return Fault.CLOSE_CONNECTION;
        }
        return u < throttle ? Fault.THROTTLE : Fault.NONE;
    }

    /** The broken body that replaces a successful answer to {@code operation}, if any is left. */
    BodyFault takeBodyFault(Operation operation) {
        if (operation == null || !scope.contains(operation)) {
            return null;
        }
        BodyFault fault = bodyFault;
        return fault != null && bodyFaultsLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? fault
                : null;
    }

    private static void checkFractions(double a, double b, double c) {
        if (a < 0 || b < 0 || c < 0 || a + b + c > 1) {
            throw new IllegalArgumentException(
                    "fault fractions must be >= 0 and add up to at most 1, were "
                            + a
                            + ", "
                            + b
                            + ", "
                            + c);
        }
    }

    @Override
    public String toString() {
        return "EmulatorFaults{latencyMs="
                + latencyMs
                + ", jitterMs="
                + jitterMs
                + ", http500="
                + http500Fraction
                + ", http503="
                + http503Fraction
                + ", close="
                + closeConnectionFraction
                + ", body="
                + (bodyFaultsLeft.get() > 0 ? bodyFault + " x" + bodyFaultsLeft.get() : "ok")
                + ", throttle="
                + throttleFraction
                + ", scope="
                + scope
                + ", tps="
                + tps
                + ", dataEndpointTpsPerAccount="
                + dataEndpointTpsPerAccount
                + '}';
    }
}
