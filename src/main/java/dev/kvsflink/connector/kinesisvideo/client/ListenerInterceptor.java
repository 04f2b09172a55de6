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

import dev.kvsflink.connector.kinesisvideo.model.StreamRef;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;

import javax.annotation.Nullable;

/**
 * Reports every attempt, throttled answer and retry of the SDK's retry loop to a {@link
 * ClientListener}. The SDK calls the transmission hooks once per attempt, on the calling thread.
 *
 * <p>Only calls that carry {@link #STREAM} (set per request by {@link
 * SdkKinesisVideoFragmentClient}) are reported; STS calls are not.
 */
@Internal
final class ListenerInterceptor implements ExecutionInterceptor {

    /** The stream a call is about: put on each request's override configuration. */
    static final ExecutionAttribute<StreamRef> STREAM =
            new ExecutionAttribute<>("dev.kvsflink.kinesisvideo.Stream");

    private static final ExecutionAttribute<Attempts> ATTEMPTS =
            new ExecutionAttribute<>("dev.kvsflink.kinesisvideo.Attempts");

    /** The answer header that names the error type, e.g. {@code ClientLimitExceededException:}. */
    private static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

    private final ClientListener listener;

    ListenerInterceptor(ClientListener listener) {
        this.listener = listener;
    }

    @Override
    public void beforeExecution(
            Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
        executionAttributes.putAttribute(ATTEMPTS, new Attempts());
    }

    @Override
    public void beforeTransmission(
            Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
        StreamRef stream = executionAttributes.getAttribute(STREAM);
        Attempts attempts = executionAttributes.getAttribute(ATTEMPTS);
        if (stream == null || attempts == null) {
            return;
        }
        String operation = executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        attempts.sent++;
        if (attempts.sent > 1) {
            // No answer recorded means the previous attempt got none: an I/O error or timeout.
            listener.retried(
                    operation,
                    stream,
                    attempts.lastFailure != null ? attempts.lastFailure : "no answer (I/O error)");
        }
        attempts.lastFailure = null;
        listener.requestSent(operation, stream);
    }

    @Override
    public void afterTransmission(
            Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
        StreamRef stream = executionAttributes.getAttribute(STREAM);
        Attempts attempts = executionAttributes.getAttribute(ATTEMPTS);
        SdkHttpResponse response = context.httpResponse();
        if (stream == null || attempts == null || response.isSuccessful()) {
            return;
        }
        String errorType = errorType(response);
        attempts.lastFailure =
                (errorType == null ? "" : errorType + " ") + "(HTTP " + response.statusCode() + ")";
        if (SdkErrors.CLIENT_LIMIT_EXCEEDED.equals(errorType) || response.statusCode() == 429) {
            listener.throttled(
                    executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), stream);
        }
    }

    /** The error type named by the answer's header, without its namespace, if any. */
    @Nullable
    static String errorType(SdkHttpResponse response) {
        return response.firstMatchingHeader(ERROR_TYPE_HEADER)
                .map(value -> value.split(":", 2)[0].trim())
                .filter(value -> !value.isEmpty())
                .orElse(null);
    }

    /** What the attempts of one call did so far. Used by the calling thread only. */
    private static final class Attempts {
        int sent;
        @Nullable String lastFailure;
    }
}
