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
import java.util.Map;

/**
 * How a live stream grows: from the moment it is created, one fragment every {@code 1 / rate}
 * seconds of the emulator's clock, each listable only {@code visibilityDelay} after its server
 * timestamp (the service is eventually consistent).
 *
 * <p>Fragment {@code k} of a run that started at {@code t} has server timestamp {@code t + (k + 1)
 * / rate}; its producer timestamp is off by at most {@code producerSkew}. Fragment numbers have 47
 * digits and grow with ingestion order.
 *
 * <pre>{@code
 * LiveStream cam = emulator.addLiveStream("cam-2", LiveStreamSpec.builder().rate(2).build());
 * }</pre>
 *
 * <p>Defaults: 1 fragment per second, no producer skew, a visibility delay of 1 s, seed 0, sizes
 * 100,000 to 1,500,000 bytes.
 *
 * @param seed what the sizes, skews and fragment numbers derive from
 * @param ratePerSecond fragments per second, in (0, 1000]
 * @param producerSkew the largest distance between a producer and a server timestamp
 * @param visibilityDelay how long after its server timestamp a fragment becomes listable
 * @param minSizeInBytes the smallest fragment size
 * @param maxSizeInBytes the largest fragment size
 */
public record LiveStreamSpec(
        long seed,
        double ratePerSecond,
        Duration producerSkew,
        Duration visibilityDelay,
        long minSizeInBytes,
        long maxSizeInBytes) {

    public LiveStreamSpec {
        checkRate(ratePerSecond);
        if (producerSkew.isNegative() || visibilityDelay.isNegative()) {
            throw new IllegalArgumentException("producerSkew and visibilityDelay must be >= 0");
        }
        if (minSizeInBytes < 0 || maxSizeInBytes < minSizeInBytes) {
            throw new IllegalArgumentException("sizes must satisfy 0 <= min <= max");
        }
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the options of a {@code --stream live:<name>:<options>} argument: comma-separated
     * {@code key=value} pairs among seed, rate ({@code 2/s}, {@code 30/m}), skew, delay, min-size,
     * max-size. Durations are like {@code 500ms}, {@code 1s} or ISO-8601.
     */
    public static LiveStreamSpec parse(String options) {
        Builder builder = builder();
        for (Map.Entry<String, String> option : SpecOptions.parse(options).entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "seed" -> builder.seed(Long.parseLong(value));
                case "rate" -> builder.rate(SpecOptions.ratePerSecond(value));
                case "skew" -> builder.producerSkew(SpecOptions.duration(value));
                case "delay" -> builder.visibilityDelay(SpecOptions.duration(value));
                case "min-size" -> builder.minSizeInBytes(Long.parseLong(value));
                case "max-size" -> builder.maxSizeInBytes(Long.parseLong(value));
                default ->
                        throw new IllegalArgumentException(
                                "unknown live stream option '" + option.getKey() + "'");
            }
        }
        return builder.build();
    }

    static void checkRate(double ratePerSecond) {
        if (!(ratePerSecond > 0 && ratePerSecond <= 1000)) {
            throw new IllegalArgumentException(
                    "rate must be in (0, 1000] fragments per second, was " + ratePerSecond);
        }
    }

    /** Builds a {@link LiveStreamSpec}. */
    public static final class Builder {
        private long seed;
        private double ratePerSecond = 1;
        private Duration producerSkew = Duration.ZERO;
        private Duration visibilityDelay = Duration.ofSeconds(1);
        private long minSizeInBytes = 100_000;
        private long maxSizeInBytes = 1_500_000;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Fragments per second, in (0, 1000]. */
        public Builder rate(double ratePerSecond) {
            this.ratePerSecond = ratePerSecond;
            return this;
        }

        public Builder producerSkew(Duration producerSkew) {
            this.producerSkew = producerSkew;
            return this;
        }

        public Builder visibilityDelay(Duration visibilityDelay) {
            this.visibilityDelay = visibilityDelay;
            return this;
        }

        public Builder minSizeInBytes(long minSizeInBytes) {
            this.minSizeInBytes = minSizeInBytes;
            return this;
        }

        public Builder maxSizeInBytes(long maxSizeInBytes) {
            this.maxSizeInBytes = maxSizeInBytes;
            return this;
        }

        public LiveStreamSpec build() {
            return new LiveStreamSpec(
                    seed,
                    ratePerSecond,
                    producerSkew,
                    visibilityDelay,
                    minSizeInBytes,
                    maxSizeInBytes);
        }
    }
}
