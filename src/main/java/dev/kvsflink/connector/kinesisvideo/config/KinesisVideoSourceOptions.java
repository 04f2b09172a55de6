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

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.time.Duration;

/**
 * The {@code source.*} options of the Kinesis Video fragment source: how time is cut into windows
 * and how many windows are read at once. Set them with {@code
 * KinesisVideoFragmentSourceBuilder#sourceOptions(Configuration)}; every option has a default.
 */
@PublicEvolving
public final class KinesisVideoSourceOptions {

    public static final ConfigOption<Duration> WINDOW_INITIAL_SIZE =
            ConfigOptions.key("source.window.initial-size")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "The length of each stream's first time window. Later windows adapt to the observed fragment density.");

    public static final ConfigOption<Duration> WINDOW_MIN_SIZE =
            ConfigOptions.key("source.window.min-size")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription("The shortest time window the adaptive planner may choose.");

    public static final ConfigOption<Duration> WINDOW_MAX_SIZE =
            ConfigOptions.key("source.window.max-size")
                    .durationType()
                    .defaultValue(Duration.ofDays(7))
                    .withDescription(
                            "The longest time window the adaptive planner may choose (reached over empty stretches of a stream).");

    public static final ConfigOption<Integer> WINDOW_TARGET_FRAGMENTS =
            ConfigOptions.key("source.window.target-fragments")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "How many fragments the adaptive planner aims to put in one window: about 10 pages of 1000, so the partial last page of a window wastes at most 10% of the calls. A window is held in memory until it is emitted.");

    public static final ConfigOption<Integer> WINDOW_MAX_FRAGMENTS =
            ConfigOptions.key("source.window.max-fragments")
                    .intType()
                    .defaultValue(30_000)
                    .withDescription(
                            "The most fragments a reader holds for one window at a time. A window that turns out denser than planned (windows grow up to source.window.max-size over empty stretches) is listed as smaller parts of its time, in order, each emitted once complete, so memory stays bounded however dense a stream becomes. Only a single millisecond holding more fragments than this fails the job.");

    public static final ConfigOption<Integer> LIST_FRAGMENTS_MAX_RESULTS =
            ConfigOptions.key("source.list-fragments.max-results")
                    .intType()
                    .defaultValue(1000)
                    .withDescription("MaxResults of each ListFragments call (1 to 1000).");

    public static final ConfigOption<Integer> READER_SPLITS_IN_FLIGHT =
            ConfigOptions.key("source.reader.splits-in-flight")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "How many windows one reader holds at once: windows of different streams are listed side by side (see source.reader.fetch-threads), and the next window is listed while the previous one is emitted. Each held window is kept in memory until emitted (about source.window.target-fragments fragments). A stream's open tail (tail mode) takes no place: a reader follows every tail it is given besides these windows.");

    public static final ConfigOption<Integer> READER_FETCH_THREADS =
            ConfigOptions.key("source.reader.fetch-threads")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "How many threads one reader lists its windows with, at most (one per stream it holds a window of). A thread makes its ListFragments calls one after another, so one reader calls up to this many streams at once; one stream's windows always stay on one thread, so its calls from one reader never overlap. More threads than source.reader.splits-in-flight bring nothing.");

    public static final ConfigOption<Integer> STREAM_MAX_CONCURRENT_WINDOWS =
            ConfigOptions.key("source.stream.max-concurrent-windows")
                    .intType()
                    .defaultValue(4)
                    .withDescription(
                            "How many windows of one stream may be assigned and not yet completed, across all readers: bounds the load on the stream's 5 calls per second ListFragments quota.");

    public static final ConfigOption<Double> STREAM_LIST_FRAGMENTS_BUDGET =
            ConfigOptions.key("source.stream.list-fragments.budget-tps")
                    .doubleType()
                    .defaultValue(4.0)
                    .withDescription(
                            "ListFragments calls per second that the whole job may send to one stream, across all readers (more than 0; the service's hard quota is 5 per stream, shared with every other client of the stream: higher values, up to 1000, only make sense against an endpoint without that quota, such as the emulator in tests). The enumerator gives each reader a share in proportion to the stream's windows it holds; each reader paces its calls to its share. The default leaves 1 call per second for other consumers; set 5.0 to measure against the physical limit.");

    public static final ConfigOption<Double> GET_DATA_ENDPOINT_BUDGET =
            ConfigOptions.key("source.get-data-endpoint.budget-tps")
                    .doubleType()
                    .defaultValue(200.0)
                    .withDescription(
                            "GetDataEndpoint calls per second that the whole job may send, all streams and readers together (more than 0, at most 1000). Each reader resolves a stream's data endpoint once, when it first lists the stream, and again only after the endpoint failed; its calls are paced to an equal share of this budget. The service's quota is 300 calls per second for the whole account, shared with every other client in it: the default leaves a third of it to them, so a job starting on a thousand streams is not throttled, while a job on a few streams resolves them at once.");

    public static final ConfigOption<Duration> STREAM_THROTTLING_TIMEOUT =
            ConfigOptions.key("source.stream.throttling-timeout")
                    .durationType()
                    .defaultValue(Duration.ofMinutes(10))
                    .withDescription(
                            "How long one ListFragments call may go on being throttled (ClientLimitExceededException) before the job fails through the restart strategy. Until then the reader keeps resending it at its own pace on the stream, which each throttled answer halves: another consumer using the stream's quota slows the backfill down instead of killing it.");

    public static final ConfigOption<Boolean> SUPPRESS_RESTARTS_ON_PERMANENT_ERRORS =
            ConfigOptions.key("source.errors.suppress-restarts")
                    .booleanType()
                    .defaultValue(true)
                    .withDescription(
                            "Whether an error that retrying cannot fix (NotAuthorizedException, ResourceNotFoundException, InvalidArgumentException, an answer the connector cannot parse) fails the job at once, bypassing the restart strategy. With false it goes through the restart strategy like any other failure.");

    public static final ConfigOption<Duration> TAIL_CONSISTENCY_LAG =
            ConfigOptions.key("source.tail.consistency-lag")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(5))
                    .withDescription(
                            "How long after its server timestamp a fragment is surely listable (0 or more). ListFragments is eventually consistent: a fragment usually becomes listable within a second of ingestion, but not at once. The source emits a window's fragments, in timestamp order, only up to now minus this lag, so a fragment that becomes listable within the lag is never missed; the lag is also the least latency of a tailing source. It must cover the clock difference between this machine and the service.");

    public static final ConfigOption<Duration> TAIL_ALLOWED_LATENESS =
            ConfigOptions.key("source.tail.allowed-lateness")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription(
                            "With PRODUCER_TIMESTAMP only: how much longer than the consistency lag the source waits for fragments whose producer timestamp lies behind the service's clock (upload delay, producer clock skew) (0 or more). Fragments with a producer timestamp before now minus both are settled; one that becomes listable later is not emitted (it would break the order and the watermark): it is counted in the lateFragments metric and logged.");

    public static final ConfigOption<Duration> TAIL_POLL_INTERVAL =
            ConfigOptions.key("source.tail.poll-interval")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "How often a window that reaches past the settled time (the tail of a stream) is listed again (at least 1 ms). Each poll costs one ListFragments call when the new part fits in one page, so the default uses 1 of the stream's 5 calls per second; polls are also paced by source.stream.list-fragments.budget-tps.");

    public static final ConfigOption<Duration> TAIL_LATE_DETECTION =
            ConfigOptions.key("source.tail.late-detection")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(30))
                    .withDescription(
                            "How far back each poll of a stream's tail lists again, to find fragments that became listable only after their time was settled (a clock ahead of the service by more than the lag, a listing delay beyond it): such a fragment is counted in the lateFragments metric and logged, never emitted, if it becomes listable within this time after its time was settled (so it counts a clock up to this plus the lag ahead); one later still is lost without a count. At least source.tail.consistency-lag (with PRODUCER_TIMESTAMP, the look-back is never shorter than consistency-lag plus allowed-lateness). It costs listing: each poll lists this much already emitted time again, so a poll fits in one ListFragments call while the stream writes fewer than 1000 fragments in this time plus one poll interval.");

    private KinesisVideoSourceOptions() {}
}
