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

package dev.kvsflink.connector.kinesisvideo.gaps;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link SilenceDetector} emits: a stream fell silent ({@link Kind#SILENT}), or it resumed
 * after a silence ({@link Kind#RESUMED}). Every {@code RESUMED} follows a {@code SILENT} of the
 * same stream with the same {@code silentSince}; together they are one {@link CoverageGap}.
 *
 * @param streamName the stream's name
 * @param kind whether the silence started or ended
 * @param silentSince where the stream's coverage ended (the latest fragment end before the silence)
 * @param resumedAt for {@code RESUMED}, the start of the fragment that ended the silence; {@code
 *     null} for {@code SILENT}
 */
@PublicEvolving
public record SilenceAlert(
        String streamName, Kind kind, Instant silentSince, @Nullable Instant resumedAt) {

    /** Whether a silence started or ended. */
    @PublicEvolving
    public enum Kind {
        /** The stream has had no fragment for longer than the threshold. */
        SILENT,
        /** The stream sent a fragment again after a silence. */
        RESUMED
    }

    public SilenceAlert {
        Objects.requireNonNull(streamName, "streamName");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(silentSince, "silentSince");
        if ((kind == Kind.RESUMED) != (resumedAt != null)) {
            throw new IllegalArgumentException(
                    "resumedAt must be set exactly for RESUMED alerts, was " + resumedAt);
        }
    }

    /** A stream silent since {@code silentSince}. */
    public static SilenceAlert silent(String streamName, Instant silentSince) {
        return new SilenceAlert(streamName, Kind.SILENT, silentSince, null);
    }

    /** A stream silent since {@code silentSince} that resumed at {@code resumedAt}. */
    public static SilenceAlert resumed(String streamName, Instant silentSince, Instant resumedAt) {
        return new SilenceAlert(streamName, Kind.RESUMED, silentSince, resumedAt);
    }

    /** For a {@code RESUMED} alert, the gap it closes. */
    public Optional<CoverageGap> gap() {
        return resumedAt == null
                ? Optional.empty()
                : Optional.of(new CoverageGap(streamName, silentSince, resumedAt));
    }
}
