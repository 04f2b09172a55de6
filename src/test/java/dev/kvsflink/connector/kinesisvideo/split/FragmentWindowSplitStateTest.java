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

import dev.kvsflink.connector.kinesisvideo.model.FragmentSelectorType;
import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FragmentWindowSplitStateTest {

    private static final FragmentWindowSplit SPLIT =
            FragmentWindowSplit.of(
                    StreamRef.ofName("cam-1"), FragmentSelectorType.SERVER_TIMESTAMP, 1000, 2000);

    @Test
    void toSplitCarriesTheLastEmittedPosition() {
        FragmentWindowSplitState state = new FragmentWindowSplitState(SPLIT);
        state.advanceTo(FragmentPosition.of(1200, "5"));
        assertThat(state.toSplit())
                .isEqualTo(SPLIT.withResumeAfter(FragmentPosition.of(1200, "5")));
    }

    @Test
    void startsFromTheSplitsResumePosition() {
        FragmentWindowSplitState state =
                new FragmentWindowSplitState(SPLIT.withResumeAfter(FragmentPosition.of(1100, "3")));
        assertThat(state.lastEmitted()).isEqualTo(FragmentPosition.of(1100, "3"));
        assertThat(state.isEmitting()).isFalse();
    }

    @Test
    void rejectsMovingBackwards() {
        FragmentWindowSplitState state = new FragmentWindowSplitState(SPLIT);
        state.advanceTo(FragmentPosition.of(1200, "5"));
        assertThatThrownBy(() -> state.advanceTo(FragmentPosition.of(1200, "5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("moved backwards");
    }
}
