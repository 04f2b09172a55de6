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

package dev.kvsflink.connector.kinesisvideo.client;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Which bodies {@link MalformedAnswerInterceptor} names a wrong field in, and which it leaves. */
class MalformedAnswerInterceptorTest {

    @Test
    void aBodyOfWhichNoByteArrivedIsLeftToTheSdksOwnFailure() {
        assertThat(MalformedAnswerInterceptor.problem(new byte[0])).isNull();
    }

    @Test
    void aBodyCutShortIsLeftToTheSdksOwnFailure() {
        byte[] half = "{\"Fragments\":[{\"FragmentNumber\":\"1".getBytes(StandardCharsets.UTF_8);

        assertThat(MalformedAnswerInterceptor.problem(half)).isNull();
    }

    @Test
    void aFragmentListThatIsNotAListIsNamed() {
        byte[] body = "{\"Fragments\":{}}".getBytes(StandardCharsets.UTF_8);

        assertThat(MalformedAnswerInterceptor.problem(body)).startsWith("Fragments is not a list");
    }
}
