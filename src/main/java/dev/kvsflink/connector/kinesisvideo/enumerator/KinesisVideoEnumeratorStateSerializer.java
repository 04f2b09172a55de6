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

package dev.kvsflink.connector.kinesisvideo.enumerator;

import org.apache.flink.annotation.Internal;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitSerializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Serializes {@link KinesisVideoEnumeratorState}.
 *
 * <p>Version 1: cursor count, then per cursor the stream id (UTF), next start ms, window length ms
 * and end ms; the split serializer's version; pending split count, then each split length-prefixed
 * in that version (so a split format change never breaks reading the outer format).
 *
 * <p>Thread-safe (stateless).
 */
@Internal
public final class KinesisVideoEnumeratorStateSerializer
        implements SimpleVersionedSerializer<KinesisVideoEnumeratorState> {

    public static final int CURRENT_VERSION = 1;

    private final FragmentWindowSplitSerializer splitSerializer =
            FragmentWindowSplitSerializer.INSTANCE;

    @Override
    public int getVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public byte[] serialize(KinesisVideoEnumeratorState state) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        out.writeInt(state.cursors().size());
        for (StreamCursor cursor : state.cursors()) {
            out.writeUTF(cursor.stream().id());
            out.writeLong(cursor.nextStartMillis());
            out.writeLong(cursor.windowLengthMillis());
            out.writeLong(cursor.endMillis());
        }
        out.writeInt(splitSerializer.getVersion());
        out.writeInt(state.pendingSplits().size());
        for (FragmentWindowSplit split : state.pendingSplits()) {
            byte[] bytes = splitSerializer.serialize(split);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public KinesisVideoEnumeratorState deserialize(int version, byte[] serialized)
            throws IOException {
        switch (version) {
            case 1:
                return deserializeV1(serialized);
            default:
                throw new IOException(
                        "Unknown KinesisVideoEnumeratorState serializer version "
                                + version
                                + ": this connector reads versions 1 to "
                                + CURRENT_VERSION
                                + " (state written by a newer connector?)");
        }
    }

    private KinesisVideoEnumeratorState deserializeV1(byte[] serialized) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(serialized);
        int cursorCount = nonNegative(in.readInt(), "cursor count");
        List<StreamCursor> cursors = new ArrayList<>(cursorCount);
        for (int i = 0; i < cursorCount; i++) {
            try {
                cursors.add(
                        StreamCursor.of(
                                StreamRef.parse(in.readUTF()),
                                in.readLong(),
                                in.readLong(),
                                in.readLong()));
            } catch (IllegalArgumentException e) {
                throw new IOException("Corrupt stream cursor: " + e.getMessage(), e);
            }
        }
        int splitVersion = in.readInt();
        int splitCount = nonNegative(in.readInt(), "pending split count");
        List<FragmentWindowSplit> pending = new ArrayList<>(splitCount);
        for (int i = 0; i < splitCount; i++) {
            byte[] bytes = new byte[nonNegative(in.readInt(), "split length")];
            in.readFully(bytes);
            pending.add(splitSerializer.deserialize(splitVersion, bytes));
        }
        if (in.available() > 0) {
            throw new IOException(
                    "Unexpected "
                            + in.available()
                            + " trailing bytes after a KinesisVideoEnumeratorState of version 1");
        }
        return new KinesisVideoEnumeratorState(cursors, pending);
    }

    private static int nonNegative(int value, String what) throws IOException {
        if (value < 0) {
            throw new IOException("Corrupt KinesisVideoEnumeratorState: negative " + what);
        }
        return value;
    }
}
