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
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parses the {@code key=value,key=value} options of stream specs given on the command line. */
final class SpecOptions {

    private SpecOptions() {}

    /** The options in {@code text} (may be empty), in order; a key given twice is an error. */
    static Map<String, String> parse(String text) {
        Map<String, String> options = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return options;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
            }
            String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            if (options.put(key, pair.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("option '" + key + "' given twice");
            }
        }
        return options;
    }

    /** A duration written {@code 150ms}, {@code 2s}, {@code 10m}, {@code 1h}, {@code 1d} or ISO. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        int unitStart = 0;
        while (unitStart < t.length() && (Character.isDigit(t.charAt(unitStart)))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("not a duration: '" + text + "'");
        }
        long amount = Long.parseLong(t.substring(0, unitStart));
        return switch (t.substring(unitStart)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("not a duration: '" + text + "'");
        };
    }

    /**
     * A rate in fragments per second, written {@code 2/s}, {@code 30/m}, {@code 1/h} or {@code 2}.
     */
    static double ratePerSecond(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        double amount = Double.parseDouble(slash < 0 ? t : t.substring(0, slash));
        String unit = slash < 0 ? "s" : t.substring(slash + 1);
        return switch (unit) {
            case "s" -> amount;
            case "m", "min" -> amount / 60;
            case "h" -> amount / 3600;
            default -> throw new IllegalArgumentException("not a rate: '" + text + "'");
        };
    }
}
