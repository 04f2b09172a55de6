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

package dev.kvsflink.connector.kinesisvideo.model;

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kinesis Video stream as the user named it: by name or by ARN. Exactly one of the two is sent to
 * the service, as {@code StreamName} or {@code StreamARN}.
 *
 * <p>Immutable value class; the patterns are the API's.
 */
@PublicEvolving
public final class StreamRef implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The API's pattern for {@code StreamName} (1 to 256 characters). */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    /** The API's pattern for {@code StreamARN} (at most 1024 characters). */
    public static final Pattern ARN_PATTERN =
            Pattern.compile(
                    "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/([a-zA-Z0-9_.-]+)/[0-9]+");

    private final String name;
    @Nullable private final String arn;

    private StreamRef(String name, @Nullable String arn) {
        this.name = name;
        this.arn = arn;
    }

    /** A stream given by name; rejects a name the API would reject. */
    public static StreamRef ofName(String name) {
        if (name == null || !NAME_PATTERN.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "Invalid stream name '"
                            + name
                            + "': a stream name has 1 to 256 characters from [a-zA-Z0-9_.-]");
        }
        return new StreamRef(name, null);
    }

    /** A stream given by ARN; rejects an ARN the API would reject. */
    public static StreamRef ofArn(String arn) {
        Matcher m = arn == null ? null : ARN_PATTERN.matcher(arn);
        if (m == null || arn.length() > 1024 || !m.matches()) {
            throw new IllegalArgumentException(
                    "Invalid stream ARN '"
                            + arn
                            + "': expected arn:<partition>:kinesisvideo:<region>:<account>:stream/<name>/<creation-time>");
        }
        return new StreamRef(m.group(1), arn);
    }

    /** A stream given by ARN when {@code nameOrArn} starts with {@code arn:}, else by name. */
    public static StreamRef parse(String nameOrArn) {
        return nameOrArn != null && nameOrArn.startsWith("arn:")
                ? ofArn(nameOrArn)
                : ofName(nameOrArn);
    }

    /** The stream's name; for a stream given by ARN, the name inside the ARN. */
    public String name() {
        return name;
    }

    /** The ARN, or {@code null} when the stream was given by name. */
    @Nullable
    public String arn() {
        return arn;
    }

    /** Whether the stream was given by ARN (and so is sent as {@code StreamARN}). */
    public boolean isArn() {
        return arn != null;
    }

    /** What the user wrote: the ARN or the name. Unique per stream reference. */
    public String id() {
        return arn != null ? arn : name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamRef
                && name.equals(((StreamRef) o).name)
                && Objects.equals(arn, ((StreamRef) o).arn);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, arn);
    }

    @Override
    public String toString() {
        return id();
    }
}
