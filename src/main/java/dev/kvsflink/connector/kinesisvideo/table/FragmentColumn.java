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

package dev.kvsflink.connector.kinesisvideo.table;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.LogicalType;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The columns a {@code kinesis-video-fragments} table may declare: the {@code ListFragments} API's
 * field names plus {@code StreamName} and {@code StreamARN}, each with the one type it is read as.
 *
 * <p>{@code FragmentNumber} is a {@code STRING}: fragment numbers have up to 47 digits (128 allowed
 * by the API), more than {@code DECIMAL(38)} holds. Sort numerically with {@code ORDER BY
 * CHAR_LENGTH(FragmentNumber), FragmentNumber} (they have no leading zeros).
 */
@PublicEvolving
public enum FragmentColumn {
    /** The stream's name, also when the stream was given by ARN. */
    StreamName(DataTypes.STRING(), f -> StringData.fromString(f.streamName())),
    /** The stream's ARN when the table names streams by {@code stream.arns}, otherwise null. */
    StreamARN(
            DataTypes.STRING(),
            f -> f.streamArn() == null ? null : StringData.fromString(f.streamArn())),
    /** The fragment's number, a decimal string. */
    FragmentNumber(DataTypes.STRING(), f -> StringData.fromString(f.fragmentNumber())),
    /** The fragment's size in bytes, metadata included. */
    FragmentSizeInBytes(DataTypes.BIGINT(), KinesisVideoFragment::fragmentSizeInBytes),
    /** The fragment's start on the producer's clock. */
    ProducerTimestamp(
            DataTypes.TIMESTAMP_LTZ(3), f -> TimestampData.fromInstant(f.producerTimestamp())),
    /** The fragment's start on the service's clock. */
    ServerTimestamp(
            DataTypes.TIMESTAMP_LTZ(3), f -> TimestampData.fromInstant(f.serverTimestamp())),
    /** The fragment's playback duration. */
    FragmentLengthInMilliseconds(
            DataTypes.BIGINT(), KinesisVideoFragment::fragmentLengthInMilliseconds);

    private final DataType type;
    private final SerializableExtractor extractor;

    FragmentColumn(DataType type, SerializableExtractor extractor) {
        this.type = type;
        this.extractor = extractor;
    }

    /** The column's type (nullable; {@code NOT NULL} is accepted for all but StreamARN). */
    public DataType type() {
        return type;
    }

    /** The column's value for {@code fragment}, in Flink's internal data format. */
    Object valueOf(KinesisVideoFragment fragment) {
        return extractor.apply(fragment);
    }

    /**
     * The column named {@code name} declared with {@code declared}.
     *
     * @throws ValidationException naming the column, its type and what is allowed, when the name is
     *     unknown or the type does not match
     */
    static FragmentColumn of(String name, DataType declared) {
        FragmentColumn column =
                Arrays.stream(values()).filter(c -> c.name().equals(name)).findFirst().orElse(null);
        if (column == null) {
            throw new ValidationException(
                    String.format(
                            "Unknown column '%s' %s in a kinesis-video-fragments table. Allowed"
                                    + " columns (any subset, in any order): %s",
                            name, declared, allowedColumns()));
        }
        LogicalType type = declared.getLogicalType();
        boolean typeMatches = type.copy(true).equals(column.type.getLogicalType());
        // StreamARN is null for streams given by name: NOT NULL would be a lie.
        boolean nullabilityMatches = type.isNullable() || column != StreamARN;
        if (!typeMatches || !nullabilityMatches) {
            throw new ValidationException(
                    String.format(
                            "Column '%s' is declared as %s, but must be %s%s. Allowed columns: %s",
                            name,
                            declared,
                            column.type,
                            column == StreamARN ? " (nullable)" : "",
                            allowedColumns()));
        }
        return column;
    }

    /** {@code StreamName STRING, ...}: every column with its type, for error messages. */
    static String allowedColumns() {
        return Arrays.stream(values())
                .map(c -> c.name() + " " + c.type)
                .collect(Collectors.joining(", "));
    }

    /** Reads one column of a fragment; serializable so that the enum's users stay so. */
    private interface SerializableExtractor
            extends Function<KinesisVideoFragment, Object>, java.io.Serializable {}
}
