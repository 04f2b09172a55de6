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
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;

import dev.kvsflink.connector.kinesisvideo.model.KinesisVideoFragment;

import java.util.List;

/** Turns a fragment into the table's row: the given columns, in the given order. */
@Internal
final class FragmentRowConverter implements MapFunction<KinesisVideoFragment, RowData> {
    private static final long serialVersionUID = 1L;

    private final FragmentColumn[] columns;

    FragmentRowConverter(List<FragmentColumn> columns) {
        this.columns = columns.toArray(new FragmentColumn[0]);
    }

    @Override
    public RowData map(KinesisVideoFragment fragment) {
        GenericRowData row = new GenericRowData(columns.length);
        for (int i = 0; i < columns.length; i++) {
            row.setField(i, columns[i].valueOf(fragment));
        }
        return row;
    }
}
