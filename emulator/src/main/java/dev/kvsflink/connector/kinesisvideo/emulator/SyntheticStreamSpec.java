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
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How a synthetic stream's fragments are computed from a seed: a stream of millions of fragments
 * that costs no memory, since each fragment is a pure function of its index.
 *
 * <p>Fragment {@code i} nominally starts at {@code start + i * interval}, shifted by every outage
 * before it. Its server timestamp adds a jitter in {@code [0, jitter]}, except when the nominal
 * start falls on a whole minute: then both timestamps are exactly on it (so ranges can end exactly
 * on fragments). Its producer timestamp is the server timestamp plus a skew within {@code
 * ±producerSkew}: an offset that jumps every 500 fragments plus noise, so producer order can
 * disagree with server order. With probability {@code tieProbability} a fragment has both
 * timestamps of its predecessor (ties). Fragment numbers are strictly increasing; they have 46
 * digits below index {@code digitChangeAt} and 47 from it on.
 *
 * <pre>{@code
 * SyntheticStreamSpec spec = SyntheticStreamSpec.builder().seed(7).fragments(10_000_000).build();
 * }</pre>
 *
 * <p>Defaults: seed 0, 100,000 fragments from 2026-01-01T00:00:00Z, interval 2 s, jitter 100 ms,
 * producer skew 3 s, tie probability 0.001, one outage (up to 10 min) per 100,000 fragments, digit
 * change at half the stream, sizes 100,000 to 1,500,000 bytes.
 *
 * @param seed what every pseudo-random choice derives from
 * @param fragments how many fragments the stream holds
 * @param start the nominal start of fragment 0
 * @param interval the nominal distance between fragments, also each fragment's length
 * @param jitter the largest delay of a server timestamp after its nominal start, below interval
 * @param producerSkew the largest distance between a producer and a server timestamp
 * @param tieProbability how likely a fragment repeats its predecessor's timestamps, in [0, 0.5]
 * @param outages how many gaps without fragments the stream has
 * @param outageLength the longest outage; each lasts a whole number of intervals, at least one
 * @param digitChangeAt the first index whose fragment number has 47 digits; 0 for 47 throughout
 * @param minSizeInBytes the smallest fragment size
 * @param maxSizeInBytes the largest fragment size
 */
public record SyntheticStreamSpec(
        long seed,
        long fragments,
        Instant start,
        Duration interval,
        Duration jitter,
        Duration producerSkew,
        double tieProbability,
        int outages,
        Duration outageLength,
        long digitChangeAt,
        long minSizeInBytes,
        long maxSizeInBytes) {

    public SyntheticStreamSpec {
        Objects.requireNonNull(start, "start");
        require(fragments >= 0, "fragments must be >= 0");
        require(interval.toMillis() >= 1, "interval must be at least 1 ms");
        require(
                !jitter.isNegative() && jitter.compareTo(interval) < 0,
                "jitter must be in [0, interval)");
        require(!producerSkew.isNegative(), "producerSkew must be >= 0");
        require(tieProbability >= 0 && tieProbability <= 0.5, "tieProbability must be in [0, 0.5]");
        require(outages >= 0, "outages must be >= 0");
        require(outages == 0 || !outageLength.isNegative(), "outageLength must be >= 0");
        require(digitChangeAt >= 0, "digitChangeAt must be >= 0");
        require(
                minSizeInBytes >= 0 && maxSizeInBytes >= minSizeInBytes,
                "sizes must satisfy 0 <= min <= max");
    }

    /** A builder with the defaults above. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses the options of a {@code --stream synthetic:<name>:<options>} argument: comma-separated
     * {@code key=value} pairs among seed, fragments, start (ISO-8601), interval, jitter, skew,
     * ties, outages, outage-length, digit-change-at (0 for none), min-size, max-size. Durations are
     * like {@code 2s}, {@code 150ms}, {@code 10m}, {@code 1h} or ISO-8601.
     */
    public static SyntheticStreamSpec parse(String options) {
        Builder builder = builder();
        for (Map.Entry<String, String> option : SpecOptions.parse(options).entrySet()) {
            String value = option.getValue();
            switch (option.getKey()) {
                case "seed" -> builder.seed(Long.parseLong(value));
                case "fragments" -> builder.fragments(Long.parseLong(value));
                case "start" -> builder.start(Instant.parse(value));
                case "interval" -> builder.interval(SpecOptions.duration(value));
                case "jitter" -> builder.jitter(SpecOptions.duration(value));
                case "skew" -> builder.producerSkew(SpecOptions.duration(value));
                case "ties" -> builder.tieProbability(Double.parseDouble(value));
                case "outages" -> builder.outages(Integer.parseInt(value));
                case "outage-length" -> builder.outageLength(SpecOptions.duration(value));
                case "digit-change-at" -> builder.digitChangeAt(Long.parseLong(value));
                case "min-size" -> builder.minSizeInBytes(Long.parseLong(value));
                case "max-size" -> builder.maxSizeInBytes(Long.parseLong(value));
                default ->
                        throw new IllegalArgumentException(
                                "unknown synthetic stream option '" + option.getKey() + "'");
            }
        }
        return builder.build();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Builds a {@link SyntheticStreamSpec}; unset outages and digit change scale with size. */
    public static final class Builder {
        private long seed;
        private long fragments = 100_000;
        private Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private Duration interval = Duration.ofSeconds(2);
        private Duration jitter = Duration.ofMillis(100);
        private Duration producerSkew = Duration.ofSeconds(3);
        private double tieProbability = 0.001;
        private Integer outages;
        private Duration outageLength = Duration.ofMinutes(10);
        private Long digitChangeAt;
        private long minSizeInBytes = 100_000;
        private long maxSizeInBytes = 1_500_000;

        private Builder() {}

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public Builder fragments(long fragments) {
            this.fragments = fragments;
            return this;
        }

        public Builder start(Instant start) {
            this.start = start;
            return this;
        }

        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        public Builder jitter(Duration jitter) {
            this.jitter = jitter;
            return this;
        }

        public Builder producerSkew(Duration producerSkew) {
            this.producerSkew = producerSkew;
            return this;
        }

        public Builder tieProbability(double tieProbability) {
            this.tieProbability = tieProbability;
            return this;
        }

        public Builder outages(int outages) {
            this.outages = outages;
            return this;
        }

        public Builder outageLength(Duration outageLength) {
            this.outageLength = outageLength;
            return this;
        }

        /** The first index with a 47-digit number; 0 for 47 digits throughout. */
        public Builder digitChangeAt(long digitChangeAt) {
            this.digitChangeAt = digitChangeAt;
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

        public SyntheticStreamSpec build() {
            int outageCount =
                    outages != null ? outages : (int) Math.min(fragments / 100_000 + 1, 10_000);
            if (fragments < 2) {
                outageCount = 0;
            }
            long digitChange = digitChangeAt != null ? digitChangeAt : Math.max(1, fragments / 2);
            return new SyntheticStreamSpec(
                    seed,
                    fragments,
                    start,
                    interval,
                    jitter,
                    producerSkew,
                    tieProbability,
                    outageCount,
                    outageLength,
                    digitChange,
                    minSizeInBytes,
                    maxSizeInBytes);
        }
    }
}
