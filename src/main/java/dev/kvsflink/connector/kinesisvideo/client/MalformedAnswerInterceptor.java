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

import org.apache.flink.annotation.Internal;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;
import software.amazon.awssdk.services.kinesisvideoarchivedmedia.model.ListFragmentsResponse;

import javax.annotation.Nullable;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Names the field when the SDK cannot map a {@code ListFragments} answer that arrived whole, e.g.
 * {@code "FragmentSizeInBytes": "lots"}: the SDK's own message shows only the value. The answer's
 * body is kept while the SDK reads it; if the call then fails and the kept body is a complete JSON
 * document, the failure is replaced by one that {@link SdkErrors} reports as {@code
 * InvalidResponse} naming the field. A page without fragments is checked too, since the SDK reads a
 * {@code "Fragments"} that is not a list as an empty one. A body cut short never parses, so it
 * stays the I/O error it is.
 */
@Internal
final class MalformedAnswerInterceptor implements ExecutionInterceptor {

    /** Bodies longer than this are not kept (a page of 1000 fragments is about 250 KB). */
    private static final int MAX_KEPT_BYTES = 4 << 20;

    private static final String REQUEST_ID = "x-amzn-RequestId";

    private static final ExecutionAttribute<KeptBody> BODY =
            new ExecutionAttribute<>("dev.kvsflink.kinesisvideo.KeptBody");

    private static final List<String> WHOLE_NUMBERS =
            List.of("FragmentSizeInBytes", "FragmentLengthInMilliseconds");
    private static final List<String> TIMESTAMPS = List.of("ProducerTimestamp", "ServerTimestamp");

    /** Marks a failure as a malformed answer; its message names the field. */
    static final class MalformedAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Nullable final String requestId;
        final int statusCode;

        MalformedAnswer(
                String problem, @Nullable String requestId, int statusCode, Throwable cause) {
            super(problem, cause);
            this.requestId = requestId;
            this.statusCode = statusCode;
        }
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        if (body.isEmpty() || !context.httpResponse().isSuccessful()) {
            return body;
        }
        KeptBody kept =
                new KeptBody(
                        body.get(),
                        context.httpResponse().firstMatchingHeader(REQUEST_ID).orElse(null),
                        context.httpResponse().statusCode());
        attributes.putAttribute(BODY, kept);
        return Optional.of(kept);
    }

    @Override
    public void afterUnmarshalling(
            Context.AfterUnmarshalling context, ExecutionAttributes attributes) {
        // The SDK reads a "Fragments" that is not a list as no list, and so an empty page: a
        // page without fragments is checked here, as it would otherwise end its window.
        if (context.response() instanceof ListFragmentsResponse
                && ((ListFragmentsResponse) context.response()).fragments().isEmpty()) {
            KeptBody kept = attributes.getAttribute(BODY);
            String problem = kept == null ? null : problem(kept);
            if (problem != null) {
                throw malformed(kept, problem, null);
            }
        }
    }

    @Override
    public Throwable modifyException(
            Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        KeptBody kept = attributes.getAttribute(BODY);
        if (!(failure instanceof SdkClientException)
                || kept == null
                || SdkErrors.isMalformedAnswer(failure)) {
            return failure;
        }
        String problem = problem(kept);
        return problem == null ? failure : malformed(kept, problem, failure);
    }

    private static SdkClientException malformed(
            KeptBody kept, String problem, @Nullable Throwable failure) {
        return SdkClientException.builder()
                .message(problem)
                .cause(new MalformedAnswer(problem, kept.requestId, kept.statusCode, failure))
                .build();
    }

    @Nullable
    private static String problem(KeptBody kept) {
        return kept.overflowed ? null : problem(kept.bytes.toByteArray());
    }

    /** The first field of a {@code ListFragments} answer that has the wrong JSON type. */
    @Nullable
    static String problem(byte[] body) {
        JsonNode root;
        try {
            root = JsonNodeParser.create().parse(body);
        } catch (RuntimeException incomplete) {
            return null;
        }
        if (root == null) {
            // No byte of the body arrived (the connection closed or timed out first): nothing
            // has the wrong type, and the SDK's own failure stands, to be retried.
            return null;
        }
        if (!root.isObject()) {
            return "the answer is not a JSON object";
        }
        Map<String, JsonNode> fields = root.asObject();
        JsonNode token = fields.get("NextToken");
        if (token != null && !token.isNull() && !token.isString()) {
            return "NextToken is not a string: " + token;
        }
        JsonNode fragments = fields.get("Fragments");
        if (fragments == null || fragments.isNull()) {
            return null;
        }
        if (!fragments.isArray()) {
            return "Fragments is not a list: " + abbreviate(fragments);
        }
        List<JsonNode> list = fragments.asArray();
        for (int i = 0; i < list.size(); i++) {
            String problem = fragmentProblem(list.get(i));
            if (problem != null) {
                return "Fragments[" + i + "]" + problem;
            }
        }
        return null;
    }

    @Nullable
    private static String fragmentProblem(JsonNode fragment) {
        if (fragment.isNull()) {
            return null;
        }
        if (!fragment.isObject()) {
            return " is not an object: " + abbreviate(fragment);
        }
        Map<String, JsonNode> fields = fragment.asObject();
        JsonNode number = fields.get("FragmentNumber");
        if (number != null && !number.isNull() && !number.isString()) {
            return ".FragmentNumber is not a string: " + abbreviate(number);
        }
        for (String name : WHOLE_NUMBERS) {
            JsonNode value = fields.get(name);
            if (value != null && !value.isNull() && !isWholeNumber(value)) {
                return "." + name + " is not a whole number: " + abbreviate(value);
            }
        }
        for (String name : TIMESTAMPS) {
            JsonNode value = fields.get(name);
            if (value != null && !value.isNull() && !value.isNumber()) {
                return "." + name + " is not a number of epoch seconds: " + abbreviate(value);
            }
        }
        return null;
    }

    private static boolean isWholeNumber(JsonNode value) {
        if (!value.isNumber()) {
            return false;
        }
        try {
            Long.parseLong(value.asNumber());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(JsonNode node) {
        String text = node.toString();
        return text.length() <= 140 ? text : text.substring(0, 140) + "...";
    }

    /** The body as the SDK reads it, kept up to {@link #MAX_KEPT_BYTES}. */
    private static final class KeptBody extends FilterInputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        @Nullable final String requestId;
        final int statusCode;
        boolean overflowed;

        KeptBody(InputStream in, @Nullable String requestId, int statusCode) {
            super(in);
            this.requestId = requestId;
            this.statusCode = statusCode;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                keep(new byte[] {(byte) b}, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                keep(buffer, offset, n);
            }
            return n;
        }

        private void keep(byte[] buffer, int offset, int length) {
            if (overflowed || bytes.size() + length > MAX_KEPT_BYTES) {
                overflowed = true;
                bytes.reset();
                return;
            }
            bytes.write(buffer, offset, length);
        }
    }
}
