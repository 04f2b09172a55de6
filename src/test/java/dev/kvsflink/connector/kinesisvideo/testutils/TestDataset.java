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

package dev.kvsflink.connector.kinesisvideo.testutils;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic set of fragments for end-to-end tests: per stream, a fragment every 0.5 to 3
 * seconds (server clock) over a span, plus some before and after it; every 20th on a whole minute
 * (a likely window edge), some sharing a timestamp with the previous one; producer timestamps up to
 * 3 seconds behind the server's, so they are out of server order; fragment numbers cross from 47 to
 * 48 digits.
 */
public final class TestDataset {

    private static final BigInteger FIRST_NUMBER =
            BigInteger.TEN.pow(47).subtract(BigInteger.valueOf(300));

    private TestDataset() {}

    public static List<KinesisVideoFragment> generate(
            List<String> streams, Instant start, Duration span, long seed) {
        Random random = new Random(seed);
        List<KinesisVideoFragment> fragments = new ArrayList<>();
        long from = start.minus(Duration.ofMinutes(2)).toEpochMilli();
        long to = start.plus(span).plus(Duration.ofMinutes(2)).toEpochMilli();
        for (String stream : streams) {
            BigInteger number = FIRST_NUMBER;
            long server = from;
            int i = 0;
            while (server < to) {
                i++;
                if (i % 20 == 0) {
                    server = (server / 60_000 + 1) * 60_000;
                } else if (i % 7 != 0) {
                    server += 500 + random.nextInt(2_500);
                }
                long producer = server - random.nextInt(3_000);
                number = number.add(BigInteger.valueOf(1 + random.nextInt(1000)));
                fragments.add(
                        new KinesisVideoFragment(
                                stream,
                                null,
                                number.toString(),
                                100_000 + random.nextInt(100_000),
                                Instant.ofEpochMilli(producer),
                                Instant.ofEpochMilli(server),
                                2_000));
            }
        }
        return fragments;
    }

    /** The fragments the source must emit: selected timestamp in {@code [start, end)}. */
    public static List<KinesisVideoFragment> expected(
            List<KinesisVideoFragment> fragments,
            FragmentSelectorType selector,
            Instant start,
            Instant end) {
        List<KinesisVideoFragment> expected = new ArrayList<>();
        for (KinesisVideoFragment f : fragments) {
            Instant ts = f.timestamp(selector);
            if (!ts.isBefore(start) && ts.isBefore(end)) {
                expected.add(f);
            }
        }
        return expected;
    }
}
