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

package dev.kvsflink.connector.kinesisvideo.config;

import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;

import java.io.Serializable;
import java.time.Duration;

import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.GET_DATA_ENDPOINT_BUDGET;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.LIST_FRAGMENTS_MAX_RESULTS;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.READER_FETCH_THREADS;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.READER_SPLITS_IN_FLIGHT;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.STREAM_LIST_FRAGMENTS_BUDGET;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.STREAM_MAX_CONCURRENT_WINDOWS;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.STREAM_THROTTLING_TIMEOUT;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.SUPPRESS_RESTARTS_ON_PERMANENT_ERRORS;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.TAIL_ALLOWED_LATENESS;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.TAIL_CONSISTENCY_LAG;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.TAIL_LATE_DETECTION;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.TAIL_POLL_INTERVAL;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.WINDOW_INITIAL_SIZE;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.WINDOW_MAX_FRAGMENTS;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.WINDOW_MAX_SIZE;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.WINDOW_MIN_SIZE;
import static dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceOptions.WINDOW_TARGET_FRAGMENTS;

/**
 * The {@link KinesisVideoSourceOptions} of one source, read once and validated: the enumerator and
 * the readers use these typed values, never the raw {@link Configuration}.
 *
 * <p>Immutable and serializable (it travels inside the source).
 */
@Internal
public final class KinesisVideoSourceSettings implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The service's hard quota of ListFragments calls per second and stream. */
    public static final double SERVICE_TPS_PER_STREAM = 5.0;

    /**
     * The highest budget accepted: above the service's quota only an endpoint without one (the
     * emulator in tests) makes sense; the ceiling catches typos such as 4000 for 4.
     */
    public static final double MAX_BUDGET = 1000.0;

    private final long initialWindowMillis;
    private final long minWindowMillis;
    private final long maxWindowMillis;
    private final int targetFragments;
    private final int maxFragments;
    private final int maxResults;
    private final int splitsInFlight;
    private final int fetchThreads;
    private final int maxConcurrentWindows;
    private final double listFragmentsBudget;
    private final double dataEndpointBudget;
    private final boolean suppressRestartsOnPermanentErrors;
    private final long throttlingTimeoutMillis;
    private final long consistencyLagMillis;
    private final long allowedLatenessMillis;
    private final long pollIntervalMillis;
    private final long lateDetectionMillis;

    private KinesisVideoSourceSettings(Configuration conf) {
        this.minWindowMillis = positiveMillis(conf, WINDOW_MIN_SIZE);
        this.maxWindowMillis = positiveMillis(conf, WINDOW_MAX_SIZE);
        this.initialWindowMillis = positiveMillis(conf, WINDOW_INITIAL_SIZE);
        check(
                minWindowMillis <= maxWindowMillis,
                "%s (%s) must not be greater than %s (%s)",
                WINDOW_MIN_SIZE.key(),
                conf.get(WINDOW_MIN_SIZE),
                WINDOW_MAX_SIZE.key(),
                conf.get(WINDOW_MAX_SIZE));
        check(
                initialWindowMillis >= minWindowMillis && initialWindowMillis <= maxWindowMillis,
                "%s must be between %s (%s) and %s (%s), was %s",
                WINDOW_INITIAL_SIZE.key(),
                WINDOW_MIN_SIZE.key(),
                conf.get(WINDOW_MIN_SIZE),
                WINDOW_MAX_SIZE.key(),
                conf.get(WINDOW_MAX_SIZE),
                conf.get(WINDOW_INITIAL_SIZE));
        this.targetFragments = atLeastOne(conf, WINDOW_TARGET_FRAGMENTS, Integer.MAX_VALUE);
        this.maxFragments = atLeastOne(conf, WINDOW_MAX_FRAGMENTS, Integer.MAX_VALUE);
        this.maxResults = atLeastOne(conf, LIST_FRAGMENTS_MAX_RESULTS, 1000);
        this.splitsInFlight = atLeastOne(conf, READER_SPLITS_IN_FLIGHT, Integer.MAX_VALUE);
        this.fetchThreads = atLeastOne(conf, READER_FETCH_THREADS, 64);
        this.maxConcurrentWindows =
                atLeastOne(conf, STREAM_MAX_CONCURRENT_WINDOWS, Integer.MAX_VALUE);
        this.listFragmentsBudget = budget(conf, STREAM_LIST_FRAGMENTS_BUDGET);
        this.dataEndpointBudget = get(conf, GET_DATA_ENDPOINT_BUDGET, "a number such as 200.0");
        check(
                dataEndpointBudget > 0 && dataEndpointBudget <= MAX_BUDGET,
                "%s must be more than 0 and at most %s (the service allows 300 per account),"
                        + " was %s",
                GET_DATA_ENDPOINT_BUDGET.key(),
                MAX_BUDGET,
                dataEndpointBudget);
        this.throttlingTimeoutMillis = positiveMillis(conf, STREAM_THROTTLING_TIMEOUT);
        this.suppressRestartsOnPermanentErrors =
                get(conf, SUPPRESS_RESTARTS_ON_PERMANENT_ERRORS, "true or false");
        this.consistencyLagMillis = nonNegativeMillis(conf, TAIL_CONSISTENCY_LAG);
        this.allowedLatenessMillis = nonNegativeMillis(conf, TAIL_ALLOWED_LATENESS);
        this.pollIntervalMillis = positiveMillis(conf, TAIL_POLL_INTERVAL);
        this.lateDetectionMillis = nonNegativeMillis(conf, TAIL_LATE_DETECTION);
        check(
                lateDetectionMillis >= consistencyLagMillis,
                "%s (%s) must not be shorter than %s (%s)",
                TAIL_LATE_DETECTION.key(),
                conf.get(TAIL_LATE_DETECTION),
                TAIL_CONSISTENCY_LAG.key(),
                conf.get(TAIL_CONSISTENCY_LAG));
    }

    /**
     * Reads and validates the source options in {@code conf}; missing options take their defaults.
     *
     * @throws IllegalArgumentException naming the option, its value and what is allowed
     */
    public static KinesisVideoSourceSettings fromConfiguration(Configuration conf) {
        return new KinesisVideoSourceSettings(conf);
    }

    /** The settings with every option at its default. */
    public static KinesisVideoSourceSettings defaults() {
        return fromConfiguration(new Configuration());
    }

    public long initialWindowMillis() {
        return initialWindowMillis;
    }

    public long minWindowMillis() {
        return minWindowMillis;
    }

    public long maxWindowMillis() {
        return maxWindowMillis;
    }

    public int targetFragments() {
        return targetFragments;
    }

    /** The most fragments a reader holds for one window at a time. */
    public int maxFragments() {
        return maxFragments;
    }

    public int maxResults() {
        return maxResults;
    }

    public int splitsInFlight() {
        return splitsInFlight;
    }

    /** Fetcher threads per reader, each listing its own streams' windows. */
    public int fetchThreads() {
        return fetchThreads;
    }

    public int maxConcurrentWindows() {
        return maxConcurrentWindows;
    }

    /** ListFragments calls per second that the job may send to one stream, all readers together. */
    public double listFragmentsBudget() {
        return listFragmentsBudget;
    }

    /** GetDataEndpoint calls per second that the job may send, all readers together. */
    public double dataEndpointBudget() {
        return dataEndpointBudget;
    }

    /** How long one call may go on being throttled before the job fails. */
    public long throttlingTimeoutMillis() {
        return throttlingTimeoutMillis;
    }

    /** Whether errors that retrying cannot fix bypass the restart strategy. */
    public boolean suppressRestartsOnPermanentErrors() {
        return suppressRestartsOnPermanentErrors;
    }

    /**
     * How long after a selected timestamp its fragments are surely listable: the consistency lag,
     * plus the allowed lateness when producer timestamps select.
     */
    public long settleLagMillis(FragmentSelectorType selector) {
        return selector == FragmentSelectorType.PRODUCER_TIMESTAMP
                ? consistencyLagMillis + allowedLatenessMillis
                : consistencyLagMillis;
    }

    /** How often a window that is not settled yet is listed again. */
    public long pollIntervalMillis() {
        return pollIntervalMillis;
    }

    /** How far back each listing of a window that is not settled yet looks for late fragments. */
    public long lateDetectionMillis() {
        return lateDetectionMillis;
    }

    private static double budget(Configuration conf, ConfigOption<Double> option) {
        double value = get(conf, option, "a number such as 4.0");
        check(
                value > 0 && value <= MAX_BUDGET,
                "%s must be more than 0 and at most %s (the service allows %s per stream;"
                        + " more only makes sense without its quota, e.g. against the emulator),"
                        + " was %s",
                option.key(),
                MAX_BUDGET,
                SERVICE_TPS_PER_STREAM,
                value);
        return value;
    }

    private static long positiveMillis(Configuration conf, ConfigOption<Duration> option) {
        Duration value = get(conf, option, "a duration such as 10 min");
        check(value.toMillis() > 0, "%s must be at least 1 ms, was %s", option.key(), value);
        return value.toMillis();
    }

    private static long nonNegativeMillis(Configuration conf, ConfigOption<Duration> option) {
        Duration value = get(conf, option, "a duration such as 5 s");
        check(!value.isNegative(), "%s must be 0 or more, was %s", option.key(), value);
        return value.toMillis();
    }

    private static int atLeastOne(Configuration conf, ConfigOption<Integer> option, int max) {
        int value = get(conf, option, "a whole number");
        check(
                value >= 1 && value <= max,
                "%s must be between 1 and %s, was %s",
                option.key(),
                max,
                value);
        return value;
    }

    /** The option's value; a value of the wrong type is reported with the option and the value. */
    private static <T> T get(Configuration conf, ConfigOption<T> option, String allowed) {
        try {
            return conf.get(option);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    String.format(
                            "%s must be %s, was '%s'",
                            option.key(), allowed, conf.toMap().get(option.key())),
                    e);
        }
    }

    private static void check(boolean condition, String template, Object... args) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(template, args));
        }
    }

    @Override
    public String toString() {
        return "KinesisVideoSourceSettings{window=["
                + minWindowMillis
                + ", "
                + maxWindowMillis
                + "] ms, initial="
                + initialWindowMillis
                + " ms, targetFragments="
                + targetFragments
                + ", maxFragments="
                + maxFragments
                + ", maxResults="
                + maxResults
                + ", splitsInFlight="
                + splitsInFlight
                + ", fetchThreads="
                + fetchThreads
                + ", maxConcurrentWindows="
                + maxConcurrentWindows
                + ", listFragmentsBudget="
                + listFragmentsBudget
                + " calls/s per stream, dataEndpointBudget="
                + dataEndpointBudget
                + " calls/s, throttlingTimeout="
                + throttlingTimeoutMillis
                + " ms, suppressRestartsOnPermanentErrors="
                + suppressRestartsOnPermanentErrors
                + ", consistencyLag="
                + consistencyLagMillis
                + " ms, allowedLateness="
                + allowedLatenessMillis
                + " ms, pollInterval="
                + pollIntervalMillis
                + " ms, lateDetection="
                + lateDetectionMillis
                + " ms}";
    }
}
