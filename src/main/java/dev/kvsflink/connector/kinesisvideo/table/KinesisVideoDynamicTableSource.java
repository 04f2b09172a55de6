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

import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.VisibleForTesting;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamSource;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.ProviderContext;
import org.apache.flink.table.connector.source.DataStreamScanProvider;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.abilities.SupportsProjectionPushDown;
import org.apache.flink.table.connector.source.abilities.SupportsWatermarkPushDown;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.DataType;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;
import dev.kvsflink.connector.kinesisvideo.source.KinesisVideoFragmentSource;

import javax.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code kinesis-video-fragments} table: the {@link KinesisVideoFragmentSource}, its fragments
 * turned into rows of the declared (or projected) columns.
 *
 * <p>Always bounded (the range has an end), insert-only. The DDL's watermark is pushed into the
 * source, so that it is generated per split behind the source's watermark floor and stays exact.
 */
@Internal
public final class KinesisVideoDynamicTableSource
        implements ScanTableSource, SupportsProjectionPushDown, SupportsWatermarkPushDown {

    private final KinesisVideoFragmentSource source;
    private final String tableName;
    @Nullable private final Integer parallelism;

    /** The columns of the rows produced, in order: the declared ones until a projection. */
    private List<FragmentColumn> columns;

    /** The pushed-down strategy, with the columns of the rows it was generated for. */
    @Nullable private WatermarkStrategy<RowData> watermarkStrategy;

    @Nullable private List<FragmentColumn> watermarkColumns;

    KinesisVideoDynamicTableSource(
            KinesisVideoFragmentSource source,
            String tableName,
            List<FragmentColumn> columns,
            @Nullable Integer parallelism) {
        this.source = source;
        this.tableName = tableName;
        this.columns = List.copyOf(columns);
        this.parallelism = parallelism;
    }

    @Override
    public ChangelogMode getChangelogMode() {
        return ChangelogMode.insertOnly();
    }

    @Override
    public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
        FragmentRowConverter converter = new FragmentRowConverter(columns);
        WatermarkStrategy<KinesisVideoFragment> strategy =
                watermarkStrategy == null
                        ? WatermarkStrategy.noWatermarks()
                        : new RowWatermarkStrategy(
                                watermarkStrategy, new FragmentRowConverter(watermarkColumns));
        return new DataStreamScanProvider() {
            @Override
            public DataStream<RowData> produceDataStream(
                    ProviderContext providerContext, StreamExecutionEnvironment env) {
                DataStreamSource<KinesisVideoFragment> fragments =
                        env.fromSource(
                                source, strategy, "KinesisVideoFragments[" + tableName + "]");
                providerContext.generateUid("source").ifPresent(fragments::uid);
                SingleOutputStreamOperator<RowData> rows =
                        fragments.map(converter).name("FragmentsToRows[" + tableName + "]");
                providerContext.generateUid("to-rows").ifPresent(rows::uid);
                if (parallelism != null) {
                    fragments.setParallelism(parallelism);
                    rows.setParallelism(parallelism);
                }
                return rows;
            }

            @Override
            public boolean isBounded() {
                return source.getBoundedness() == Boundedness.BOUNDED;
            }

            @Override
            public Optional<Integer> getParallelism() {
                return Optional.ofNullable(parallelism);
            }
        };
    }

    @Override
    public boolean supportsNestedProjection() {
        return false;
    }

    @Override
    public void applyProjection(int[][] projectedFields, DataType producedDataType) {
        List<FragmentColumn> projected = new ArrayList<>(projectedFields.length);
        for (int[] path : projectedFields) {
            projected.add(columns.get(path[0]));
        }
        columns = List.copyOf(projected);
    }

    @Override
    public void applyWatermark(WatermarkStrategy<RowData> watermarkStrategy) {
        // The planner generated the strategy for the rows as they are now: keep their layout,
        // whatever projection comes later.
        this.watermarkStrategy = watermarkStrategy;
        this.watermarkColumns = columns;
    }

    @Override
    public DynamicTableSource copy() {
        KinesisVideoDynamicTableSource copy =
                new KinesisVideoDynamicTableSource(source, tableName, columns, parallelism);
        copy.watermarkStrategy = watermarkStrategy;
        copy.watermarkColumns = watermarkColumns;
        return copy;
    }

    @Override
    public String asSummaryString() {
        return "KinesisVideoFragments";
    }

    @VisibleForTesting
    KinesisVideoFragmentSource source() {
        return source;
    }

    @VisibleForTesting
    List<FragmentColumn> columns() {
        return columns;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof KinesisVideoDynamicTableSource)) {
            return false;
        }
        KinesisVideoDynamicTableSource that = (KinesisVideoDynamicTableSource) o;
        return source == that.source
                && tableName.equals(that.tableName)
                && Objects.equals(parallelism, that.parallelism)
                && columns.equals(that.columns)
                && Objects.equals(watermarkStrategy, that.watermarkStrategy)
                && Objects.equals(watermarkColumns, that.watermarkColumns);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tableName, parallelism, columns);
    }
}
