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
import org.apache.flink.api.common.eventtime.RecordTimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssigner;
import org.apache.flink.api.common.eventtime.TimestampAssignerSupplier;
import org.apache.flink.api.common.eventtime.WatermarkAlignmentParams;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.table.data.RowData;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

/**
 * The table's pushed-down watermark strategy, which works on rows, applied to the source's
 * fragments: each fragment is converted to the row the planner generated the strategy for.
 *
 * <p>Handing it to {@code fromSource} is what keeps the DDL's watermark exact: the source runs a
 * generator per split (and holds the reader's watermark with its floor output), so a watermark
 * never passes a fragment still to come, which a watermark assigned after the source could not
 * promise.
 */
@Internal
final class RowWatermarkStrategy implements WatermarkStrategy<KinesisVideoFragment> {
    private static final long serialVersionUID = 1L;

    private final WatermarkStrategy<RowData> rowStrategy;
    private final FragmentRowConverter converter;

    RowWatermarkStrategy(WatermarkStrategy<RowData> rowStrategy, FragmentRowConverter converter) {
        this.rowStrategy = rowStrategy;
        this.converter = converter;
    }

    @Override
    public WatermarkGenerator<KinesisVideoFragment> createWatermarkGenerator(
            WatermarkGeneratorSupplier.Context context) {
        WatermarkGenerator<RowData> generator = rowStrategy.createWatermarkGenerator(context);
        return new WatermarkGenerator<>() {
            @Override
            public void onEvent(
                    KinesisVideoFragment fragment, long timestamp, WatermarkOutput output) {
                generator.onEvent(converter.map(fragment), timestamp, output);
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                generator.onPeriodicEmit(output);
            }
        };
    }

    @Override
    public TimestampAssigner<KinesisVideoFragment> createTimestampAssigner(
            TimestampAssignerSupplier.Context context) {
        TimestampAssigner<RowData> assigner = rowStrategy.createTimestampAssigner(context);
        if (assigner instanceof RecordTimestampAssigner) {
            // The planner's usual choice: keep the source's timestamp without building a row.
            return new RecordTimestampAssigner<>();
        }
        return (fragment, recordTimestamp) ->
                assigner.extractTimestamp(converter.map(fragment), recordTimestamp);
    }

    @Override
    public WatermarkAlignmentParams getAlignmentParameters() {
        return rowStrategy.getAlignmentParameters();
    }
}
