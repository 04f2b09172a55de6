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

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Configures a {@link KinesisVideoEmulator}; obtained from {@link KinesisVideoEmulator#builder()}.
 *
 * <p>Defaults: region {@code us-east-1}, account {@code 123456789012}, access key {@value
 * #DEFAULT_ACCESS_KEY} with secret {@value #DEFAULT_SECRET_KEY}, signatures verified, ephemeral
 * ports, 5 requests per second and stream on each operation, 300 {@code GetDataEndpoint} requests
 * per second in the whole account, a random seed (logged), 10% short pages and 2% empty pages,
 * tokens that never expire, the system UTC clock, 64 server threads.
 */
public final class KinesisVideoEmulatorBuilder {

    /** The access key id the emulator accepts unless told otherwise. */
    public static final String DEFAULT_ACCESS_KEY = "AKIAEMULATOR00000000";

    /** The secret key the emulator accepts unless told otherwise. Not a real credential. */
    public static final String DEFAULT_SECRET_KEY = "emulator-secret-key-not-a-real-credential";

    String region = "us-east-1";
    String accountId = "123456789012";
    String accessKey = DEFAULT_ACCESS_KEY;
    String secretKey = DEFAULT_SECRET_KEY;
    boolean verifySignatures = true;
    int controlPlanePort;
    int dataPlanePort;
    int tpsPerStream = 5;
    int dataEndpointTpsPerAccount = 300;
    long seed = ThreadLocalRandom.current().nextLong();
    double shortPageProbability = 0.10;
    double emptyPageProbability = 0.02;
    Duration tokenTtl;
    Clock clock = Clock.systemUTC();
    int serverThreads = 64;

    KinesisVideoEmulatorBuilder() {}

    /** The region that signatures must be scoped to and ARNs name. */
    public KinesisVideoEmulatorBuilder region(String region) {
        this.region = Objects.requireNonNull(region, "region");
        return this;
    }

    /** The account id that ARNs name. */
    public KinesisVideoEmulatorBuilder accountId(String accountId) {
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        return this;
    }

    /** The only key pair whose signatures are accepted. The secret is never logged. */
    public KinesisVideoEmulatorBuilder credentials(String accessKey, String secretKey) {
        this.accessKey = Objects.requireNonNull(accessKey, "accessKey");
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        return this;
    }

    /** Whether to refuse requests without a valid SigV4 signature (default true). */
    public KinesisVideoEmulatorBuilder verifySignatures(boolean verifySignatures) {
        this.verifySignatures = verifySignatures;
        return this;
    }

    /** The control plane's port on 127.0.0.1; 0 (default) for any free port. */
    public KinesisVideoEmulatorBuilder controlPlanePort(int port) {
        this.controlPlanePort = checkPort(port);
        return this;
    }

    /** The data plane's port on 127.0.0.1; 0 (default) for any free port. */
    public KinesisVideoEmulatorBuilder dataPlanePort(int port) {
        this.dataPlanePort = checkPort(port);
        return this;
    }

    /** Requests per second and stream allowed on each operation; 0 for no limit (default 5). */
    public KinesisVideoEmulatorBuilder tpsPerStream(int tps) {
        if (tps < 0) {
            throw new IllegalArgumentException("tps must be >= 0, was " + tps);
        }
        this.tpsPerStream = tps;
        return this;
    }

    /**
     * {@code GetDataEndpoint} requests per second allowed in the whole account, all streams
     * together, besides each stream's own quota; 0 for no limit (default 300, the service's).
     */
    public KinesisVideoEmulatorBuilder dataEndpointTpsPerAccount(int tps) {
        if (tps < 0) {
            throw new IllegalArgumentException(
                    "dataEndpointTpsPerAccount must be >= 0, was " + tps);
        }
        this.dataEndpointTpsPerAccount = tps;
        return this;
    }

    /** The seed of every pseudo-random choice: page sizes, orders, tokens, fault draws. */
    public KinesisVideoEmulatorBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How likely a page holds fewer fragments than MaxResults (default 0.10). */
    public KinesisVideoEmulatorBuilder shortPageProbability(double probability) {
        this.shortPageProbability = probability;
        return this;
    }

    /** How likely a page holds no fragment yet carries a NextToken (default 0.02). */
    public KinesisVideoEmulatorBuilder emptyPageProbability(double probability) {
        this.emptyPageProbability = probability;
        return this;
    }

    /** Exact pages: every page holds MaxResults fragments while more remain. */
    public KinesisVideoEmulatorBuilder fullPages() {
        return shortPageProbability(0).emptyPageProbability(0);
    }

    /** How long a NextToken stays valid after it was issued; {@code null} (default) for ever. */
    public KinesisVideoEmulatorBuilder tokenTtl(Duration tokenTtl) {
        if (tokenTtl != null && (tokenTtl.isNegative() || tokenTtl.isZero())) {
            throw new IllegalArgumentException("tokenTtl must be positive, was " + tokenTtl);
        }
        this.tokenTtl = tokenTtl;
        return this;
    }

    /** The clock of live streams, quotas and token expiry (default: system UTC). */
    public KinesisVideoEmulatorBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Threads serving requests, shared by both endpoints (default 64). */
    public KinesisVideoEmulatorBuilder serverThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("serverThreads must be >= 1, was " + threads);
        }
        this.serverThreads = threads;
        return this;
    }

    /** An emulator with these settings, not started yet. */
    public KinesisVideoEmulator build() {
        if (shortPageProbability < 0
                || emptyPageProbability < 0
                || shortPageProbability + emptyPageProbability > 1) {
            throw new IllegalArgumentException(
                    "page probabilities must be >= 0 and add up to at most 1");
        }
        return new KinesisVideoEmulator(this);
    }

    private static int checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        return port;
    }
}
