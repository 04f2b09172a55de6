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

package dev.kvsflink.connector.kinesisvideo.emulator.store;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The streams an emulator holds, addressable by name or by ARN. Thread-safe; streams are only ever
 * added.
 */
public final class StreamRegistry {

    /** The StreamName constraint of the API. */
    public static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,256}");

    /** One stream: its name, its ARN and its fragments. */
    public record Stream(String name, String arn, FragmentStore store) {}

    private final String region;
    private final String accountId;
    private final Map<String, Stream> byName = new ConcurrentHashMap<>();

    public StreamRegistry(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    /**
     * Adds a stream created at {@code creationEpochMillis}, which its ARN carries as the service's
     * ARNs do.
     *
     * @throws IllegalArgumentException if the name is invalid or taken
     */
    public Stream add(String name, long creationEpochMillis, FragmentStore store) {
        if (name == null || !STREAM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "stream name must match " + STREAM_NAME.pattern() + ", was '" + name + "'");
        }
        String arn =
                "arn:aws:kinesisvideo:"
                        + region
                        + ":"
                        + accountId
                        + ":stream/"
                        + name
                        + "/"
                        + creationEpochMillis;
        Stream stream = new Stream(name, arn, store);
        if (byName.putIfAbsent(name, stream) != null) {
            throw new IllegalArgumentException("stream '" + name + "' already exists");
        }
        return stream;
    }

    /** The stream named {@code name}. */
    public Optional<Stream> byName(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The stream whose ARN is exactly {@code arn}. */
    public Optional<Stream> byArn(String arn) {
        int nameEnd = arn.lastIndexOf('/');
        int nameStart = arn.lastIndexOf('/', nameEnd - 1);
        if (nameStart < 0) {
            return Optional.empty();
        }
        return byName(arn.substring(nameStart + 1, nameEnd)).filter(s -> s.arn().equals(arn));
    }

    /** The stream named {@code nameOrArn}, or whose ARN it is. */
    public Optional<Stream> byNameOrArn(String nameOrArn) {
        return nameOrArn.startsWith("arn:") ? byArn(nameOrArn) : byName(nameOrArn);
    }

    /** Every stream, in no particular order. */
    public Collection<Stream> all() {
        return byName.values();
    }
}
