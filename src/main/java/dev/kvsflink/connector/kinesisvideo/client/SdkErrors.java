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
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.exception.SdkServiceException;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Set;

/**
 * Turns SDK failures into what the connector shows: {@link KinesisVideoServiceException} with the
 * operation, the stream, the error type, the service's message, the request id and the HTTP status,
 * or {@link InterruptedException} when the calling thread was interrupted.
 */
@Internal
final class SdkErrors {

    /** The error type of Kinesis Video's throttling answer, in both services. */
    static final String CLIENT_LIMIT_EXCEEDED = "ClientLimitExceededException";

    /** The error type of an answer that the connector cannot use. */
    static final String INVALID_RESPONSE = "InvalidResponse";

    /** The error type of a call that was not sent for want of credentials. */
    static final String NO_CREDENTIALS = "NoCredentials";

    /** The error types of the service refusing the credentials. */
    private static final Set<String> REFUSED_CREDENTIALS =
            Set.of("NotAuthorizedException", "AccessDeniedException");

    private static final String REDACTED = "<redacted>";

    private SdkErrors() {}

    /**
     * The exception to throw for {@code failure}. Any occurrence of {@code secret} (the request's
     * NextToken: services may quote invalid arguments) is redacted from the message, and the SDK
     * exception is then not kept as the cause, as its message would show it.
     */
    static KinesisVideoServiceException translate(
            String operation, StreamRef stream, SdkException failure, @Nullable String secret) {
        return translate(operation, stream, failure, secret, null);
    }

    /**
     * As {@link #translate(String, StreamRef, SdkException, String)}; when the service refused the
     * credentials, the message also says where they come from and what to check.
     */
    static KinesisVideoServiceException translate(
            String operation,
            StreamRef stream,
            SdkException failure,
            @Nullable String secret,
            @Nullable CredentialsSettings credentials) {
        String errorType;
        String message;
        String requestId = null;
        int status = 0;
        if (failure instanceof SdkServiceException) {
            SdkServiceException service = (SdkServiceException) failure;
            AwsErrorDetails details =
                    failure instanceof AwsServiceException
                            ? ((AwsServiceException) failure).awsErrorDetails()
                            : null;
            errorType =
                    details != null && details.errorCode() != null
                            ? details.errorCode()
                            : failure.getClass().getSimpleName();
            message =
                    details != null && details.errorMessage() != null
                            ? details.errorMessage()
                            : failure.getMessage();
            requestId = service.requestId();
            status = service.statusCode();
            if (credentials != null && REFUSED_CREDENTIALS.contains(errorType)) {
                message = message + "; " + CredentialsHints.refused(credentials);
            }
        } else if (cause(failure, AwsCredentials.NoCredentials.class) != null) {
            // Nothing was sent: the message says where the provider looked and what to set.
            errorType = NO_CREDENTIALS;
            message = cause(failure, AwsCredentials.NoCredentials.class).getMessage();
        } else if (isMalformedAnswer(failure)) {
            // An answer arrived whole, but a field has the wrong type (e.g. a number in quotes).
            MalformedAnswerInterceptor.MalformedAnswer malformed = malformedAnswer(failure);
            errorType = INVALID_RESPONSE;
            message = malformed.getMessage();
            requestId = malformed.requestId;
            status = malformed.statusCode;
        } else if (isUnparseableAnswer(failure)) {
            // An answer arrived but is not the JSON the API promises (e.g. a proxy's HTML page):
            // the SDK retried it; it is reported like any other answer the connector cannot use.
            errorType = INVALID_RESPONSE;
            message = "the answer could not be parsed: " + failure.getMessage();
        } else {
            errorType = failure.getClass().getSimpleName();
            message = failure.getMessage();
        }
        boolean leaks = secret != null && chainMentions(failure, secret);
        return new KinesisVideoServiceException(
                operation,
                stream.id(),
                errorType,
                redact(message, secret),
                requestId,
                status,
                leaks ? null : failure);
    }

    /** An answer that arrived but cannot be used, e.g. a fragment without a number. */
    static KinesisVideoServiceException invalidResponse(
            String operation,
            StreamRef stream,
            String problem,
            @Nullable String requestId,
            int status) {
        return new KinesisVideoServiceException(
                operation, stream.id(), INVALID_RESPONSE, problem, requestId, status, null);
    }

    /**
     * Whether {@code failure} means that the thread was interrupted: the SDK reports an interrupt
     * during a backoff or between stages as {@link AbortedException}.
     */
    static boolean isInterruption(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof AbortedException
                    || t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** The {@link InterruptedException} to throw instead of {@code failure}. */
    static InterruptedException interrupted(String operation, StreamRef stream, Throwable cause) {
        // The interrupt is consumed by throwing InterruptedException, as the JDK does.
        Thread.interrupted();
        InterruptedException e =
                new InterruptedException(
                        operation + " on stream '" + stream.id() + "' was interrupted");
        e.initCause(cause);
        return e;
    }

    /**
     * Whether the data endpoint may be at fault: no answer (I/O error, after the retries) or a
     * server error (a streak of them, since 5xx are retried).
     */
    static boolean isConnectionFailure(SdkException failure) {
        if (failure instanceof SdkServiceException) {
            return ((SdkServiceException) failure).statusCode() >= 500;
        }
        return failure instanceof SdkClientException && hasCause(failure, IOException.class);
    }

    /** Whether the SDK received an answer whose body it could not parse. */
    static boolean isUnparseableAnswer(SdkException failure) {
        if (!(failure instanceof SdkClientException)) {
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().equals("JsonParseException")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Whether {@link MalformedAnswerInterceptor} found a field of the wrong type. */
    static boolean isMalformedAnswer(Throwable failure) {
        return malformedAnswer(failure) != null;
    }

    @Nullable
    private static MalformedAnswerInterceptor.MalformedAnswer malformedAnswer(Throwable failure) {
        return cause(failure, MalformedAnswerInterceptor.MalformedAnswer.class);
    }

    /** The first throwable of {@code type} in the chain of {@code failure}, itself included. */
    @Nullable
    private static <T extends Throwable> T cause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Whether {@code failure} is Kinesis Video's throttling answer, of either service. */
    static boolean isClientLimitExceeded(Throwable failure) {
        return failure instanceof AwsServiceException
                && ((AwsServiceException) failure).awsErrorDetails() != null
                && CLIENT_LIMIT_EXCEEDED.equals(
                        ((AwsServiceException) failure).awsErrorDetails().errorCode());
    }

    @Nullable
    static String redact(@Nullable String text, @Nullable String secret) {
        return text == null || secret == null || secret.isEmpty()
                ? text
                : text.replace(secret, REDACTED);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure.getCause(); t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean chainMentions(Throwable failure, String secret) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (String.valueOf(t.getMessage()).contains(secret)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
