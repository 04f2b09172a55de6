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

package dev.kvsflink.connector.kinesisvideo.split;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;

import java.io.IOException;

/**
 * Serializes {@link FragmentWindowSplit}s for checkpoints and for the enumerator's state.
 *
 * <p>Version 2: stream id (name or ARN, UTF), selector name (UTF), start ms, end ms, a flag and,
 * when set, the resume position (timestamp ms, fragment number UTF), watermark floor ms, settled
 * until ms. The selector is written by name so that reordering the enum never corrupts state.
 *
 * <p>Version 1 (read only): version 2 without "settled until", which was the window's start.
 *
 * <p>Thread-safe (stateless).
 */
@Internal
public final class FragmentWindowSplitSerializer
        implements SimpleVersionedSerializer<FragmentWindowSplit> {

    public static final FragmentWindowSplitSerializer INSTANCE =
            new FragmentWindowSplitSerializer();

    public static final int CURRENT_VERSION = 2;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(FragmentWindowSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public FragmentWindowSplit deserialize(int version, byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        FragmentWindowSplit split = read(version, in);
        if (in.available() > 0) {
            throw new IOException(
                    "Unexpected "
                            + in.available()
                            + " trailing bytes after a FragmentWindowSplit of version "
                            + version);
        }
        return split;
    }

    /** Writes {@code split} in the current version, for nesting in another format. */
    public void write(FragmentWindowSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.stream().id());
        out.writeUTF(split.selector().name());
        out.writeLong(split.startMillis());
        out.writeLong(split.endMillis());
        FragmentPosition resumeAfter = split.resumeAfter();
        out.writeBoolean(resumeAfter != null);
        if (resumeAfter != null) {
            out.writeLong(resumeAfter.timestampMillis());
            out.writeUTF(resumeAfter.fragmentNumber());
        }
        out.writeLong(split.watermarkFloorMillis());
        out.writeLong(split.settledUntilMillis());
    }

    /** Reads a split written by {@link #write} in {@code version}. */
    public FragmentWindowSplit read(int version, DataInputView in) throws IOException {
        switch (version) {
            case 1:
                return readV1(in);
            case 2:
                return readV2(in);
            default:
                throw new IOException(
                        "Unknown FragmentWindowSplit serializer version "
                                + version
                                + ": this connector reads versions 1 to "
                                + CURRENT_VERSION
                                + " (state written by a newer connector?)");
        }
    }

    private static FragmentWindowSplit readV2(DataInputView in) throws IOException {
        FragmentWindowSplit split = readV1(in);
        try {
            return split.withSettledUntil(in.readLong());
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt FragmentWindowSplit: " + e.getMessage(), e);
        }
    }

    private static FragmentWindowSplit readV1(DataInputView in) throws IOException {
        try {
            StreamRef stream = StreamRef.parse(in.readUTF());
            FragmentSelectorType selector = FragmentSelectorType.valueOf(in.readUTF());
            long start = in.readLong();
            long end = in.readLong();
            FragmentPosition resumeAfter =
                    in.readBoolean() ? FragmentPosition.of(in.readLong(), in.readUTF()) : null;
            long floor = in.readLong();
            return FragmentWindowSplit.of(stream, selector, start, end)
                    .withResumeAfter(resumeAfter)
                    .withWatermarkFloor(floor);
        } catch (IllegalArgumentException e) {
            throw new IOException("Corrupt FragmentWindowSplit: " + e.getMessage(), e);
        }
    }
}
