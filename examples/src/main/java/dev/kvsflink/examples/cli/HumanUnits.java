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

package dev.kvsflink.examples.cli;

import java.time.Duration;
import java.util.Locale;

/** Durations and sizes as a person reads them: {@code 15.8 s}, {@code 2.5 h}, {@code 33.7 GB}. */
public final class HumanUnits {

    private static final String[] SIZE_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private HumanUnits() {}

    /** {@code d} in the largest unit (ms, s, min, h, days) that keeps it at 1 or more. */
    public static String duration(Duration d) {
        double millis = d.toNanos() / 1e6;
        double abs = Math.abs(millis);
        if (abs < 1_000) {
            return String.format(Locale.ROOT, "%.0f ms", millis);
        } else if (abs < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1_000);
        } else if (abs < 3_600_000) {
            return String.format(Locale.ROOT, "%.1f min", millis / 60_000);
        } else if (abs < 86_400_000) {
            return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000);
        }
        return String.format(Locale.ROOT, "%.1f days", millis / 86_400_000);
    }

    /** {@code bytes} in decimal units (1 kB = 1000 B), one decimal from kB on. */
    public static String bytes(long bytes) {
        if (Math.abs(bytes) < 1000) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 999.95 && unit < SIZE_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, SIZE_UNITS[unit]);
    }
}
