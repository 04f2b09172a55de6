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

import org.apache.flink.annotation.PublicEvolving;

import javax.annotation.Nullable;

import java.util.Set;

/**
 * A Kinesis Video Streams call failed for good. The message names the operation, the stream, the
 * service's error type and message, and the request id to quote to AWS support; it never holds
 * credentials or pagination tokens.
 */
@PublicEvolving
public class KinesisVideoServiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * The error types that the same request can only get again: a caller, permission or
     * configuration problem ({@code InvalidResponse} and {@code NoCredentials} are the connector's
     * own: an answer it cannot use, credentials the provider cannot find).
     */
    private static final Set<String> PERMANENT_ERROR_TYPES =
            Set.of(
                    "NotAuthorizedException",
                    "AccessDeniedException",
                    "ResourceNotFoundException",
                    "InvalidArgumentException",
                    "UnknownOperationException",
                    SdkErrors.INVALID_RESPONSE,
                    SdkErrors.NO_CREDENTIALS);

    private final String operation;
    private final String stream;
    private final String errorType;
    @Nullable private final String requestId;
    private final int statusCode;

    public KinesisVideoServiceException(
            String operation,
            String stream,
            String errorType,
            @Nullable String serviceMessage,
            @Nullable String requestId,
            int statusCode,
            @Nullable Throwable cause) {
        super(
                operation
                        + " on stream '"
                        + stream
                        + "' failed: "
                        + errorType
                        + (statusCode > 0 ? " (HTTP " + statusCode + ")" : "")
                        + ": "
                        + (serviceMessage == null ? "no message" : serviceMessage)
                        + " [request id: "
                        + (requestId == null ? "none" : requestId)
                        + "]",
                cause);
        this.operation = operation;
        this.stream = stream;
        this.errorType = errorType;
        this.requestId = requestId;
        this.statusCode = statusCode;
    }

    /** The API operation, e.g. {@code ListFragments} or {@code GetDataEndpoint}. */
    public String operation() {
        return operation;
    }

    /** The stream's name or ARN, as configured. */
    public String stream() {
        return stream;
    }

    /** The service's error type, e.g. {@code ResourceNotFoundException}. */
    public String errorType() {
        return errorType;
    }

    /** The {@code x-amzn-RequestId} of the failed answer, when there was one. */
    @Nullable
    public String requestId() {
        return requestId;
    }

    /** The HTTP status, or 0 when no answer arrived. */
    public int statusCode() {
        return statusCode;
    }

    /**
     * Whether retrying cannot fix this failure: the stream is missing, there are no credentials or
     * they are not allowed, an argument is invalid, or the answer was malformed. (An expired {@code
     * NextToken}, also an {@code InvalidArgumentException}, is recovered from before it gets here.)
     */
    public boolean isPermanent() {
        return PERMANENT_ERROR_TYPES.contains(errorType);
    }

    /** Whether the service throttled the call ({@code ClientLimitExceededException}). */
    public boolean isThrottling() {
        return SdkErrors.CLIENT_LIMIT_EXCEEDED.equals(errorType);
    }
}
