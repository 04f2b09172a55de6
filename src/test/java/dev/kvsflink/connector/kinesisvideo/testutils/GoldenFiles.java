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

import dev.kvsflink.connector.kinesisvideo.enumerator.KinesisVideoEnumeratorState;
import dev.kvsflink.connector.kinesisvideo.enumerator.KinesisVideoEnumeratorStateSerializer;
import dev.kvsflink.connector.kinesisvideo.enumerator.StreamCursor;
import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import dev.kvsflink.connector.kinesisvideo.split.FragmentPosition;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplit;
import dev.kvsflink.connector.kinesisvideo.split.FragmentWindowSplitSerializer;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * The committed serialized state under {@code src/test/resources/golden/}: bytes written by a
 * released format version that every later version must still read.
 *
 * <p>Regenerate only on purpose, when a new format version gets its own new file (the file of a
 * released version never changes). From the repository root:
 *
 * <pre>{@code
 * mvn -B -ntp -q -pl src test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.kvsflink.connector.kinesisvideo.testutils.GoldenFiles
 * }</pre>
 *
 * <p>It writes every file of the current versions into {@code src/test/resources/golden/} (or into
 * the directory given as the only argument); {@code git diff} then shows what changed.
 */
public final class GoldenFiles {

    private static final String ARN_OF_CAM_2 =
            "arn:aws:kinesisvideo:us-east-1:123456789012:stream/cam-2/1700000000000";

    private static final String FRAGMENT_NUMBER = "91343852333181432392682062607743920146264772710";

    /**
     * A split with an ARN, a resume position and a watermark floor, in version 1 (released before
     * splits had a "settled until": reading it gives the window's start).
     */
    public static final GoldenFile<FragmentWindowSplit> SPLIT_V1 =
            new GoldenFile<>(
                    "fragment-window-split-v1.bin",
                    FragmentWindowSplitSerializer.INSTANCE,
                    1,
                    FragmentWindowSplit.of(
                                    StreamRef.ofArn(ARN_OF_CAM_2),
                                    FragmentSelectorType.PRODUCER_TIMESTAMP,
                                    1767225600000L,
                                    1767226200000L)
                            .withResumeAfter(FragmentPosition.of(1767225601123L, FRAGMENT_NUMBER))
                            .withWatermarkFloor(1767225900000L));

    /** An open-ended tail split with an ARN, a resume position, a floor and a settled time. */
    public static final GoldenFile<FragmentWindowSplit> SPLIT_V2 =
            new GoldenFile<>(
                    "fragment-window-split-v2.bin",
                    FragmentWindowSplitSerializer.INSTANCE,
                    2,
                    FragmentWindowSplit.of(
                                    StreamRef.ofArn(ARN_OF_CAM_2),
                                    FragmentSelectorType.PRODUCER_TIMESTAMP,
                                    1767225600000L,
                                    Long.MAX_VALUE)
                            .withResumeAfter(FragmentPosition.of(1767225601123L, FRAGMENT_NUMBER))
                            .withSettledUntil(1767225602000L)
                            .withWatermarkFloor(1767225900000L));

    /**
     * An enumerator state with a bounded and an unbounded cursor (by name and by ARN) and two
     * pending splits, a fresh one and one with progress, in version 1 with splits of version 1.
     */
    public static final GoldenFile<KinesisVideoEnumeratorState> ENUMERATOR_STATE_V1 =
            new GoldenFile<>(
                    "enumerator-state-v1.bin",
                    new KinesisVideoEnumeratorStateSerializer(),
                    1,
                    enumeratorState(1767225000000L));

    /** {@link #ENUMERATOR_STATE_V1} with splits of version 2: a pending split is settled. */
    public static final GoldenFile<KinesisVideoEnumeratorState> ENUMERATOR_STATE_V1_SPLITS_V2 =
            new GoldenFile<>(
                    "enumerator-state-v1-splits-v2.bin",
                    new KinesisVideoEnumeratorStateSerializer(),
                    1,
                    enumeratorState(1767225300000L));

    private static KinesisVideoEnumeratorState enumeratorState(long settledUntilMillis) {
        return new KinesisVideoEnumeratorState(
                List.of(
                        StreamCursor.of(
                                StreamRef.ofName("cam-1"), 1767226200000L, 600_000, 1767312000000L),
                        StreamCursor.of(
                                StreamRef.ofArn(ARN_OF_CAM_2),
                                1767225600000L,
                                3_600_000,
                                Long.MAX_VALUE)),
                List.of(
                        FragmentWindowSplit.of(
                                StreamRef.ofName("cam-1"),
                                FragmentSelectorType.SERVER_TIMESTAMP,
                                1767225600000L,
                                1767226200000L),
                        FragmentWindowSplit.of(
                                        StreamRef.ofName("cam-1"),
                                        FragmentSelectorType.SERVER_TIMESTAMP,
                                        1767225000000L,
                                        1767225600000L)
                                .withResumeAfter(
                                        FragmentPosition.of(1767225000001L, FRAGMENT_NUMBER))
                                .withSettledUntil(settledUntilMillis)
                                .withWatermarkFloor(1767225600000L)));
    }

    /** The files the current serializer versions write. */
    static final List<GoldenFile<?>> CURRENT = List.of(SPLIT_V2, ENUMERATOR_STATE_V1_SPLITS_V2);

    private GoldenFiles() {}

    /** Rewrites {@link #CURRENT}; see the class comment for the command. */
    public static void main(String[] args) throws IOException {
        Path directory =
                args.length > 0
                        ? Paths.get(args[0])
                        : Paths.get("src", "test", "resources", "golden");
        for (GoldenFile<?> file : CURRENT) {
            file.writeTo(directory);
            System.out.println("Wrote " + directory.resolve(file.name()));
        }
    }
}
