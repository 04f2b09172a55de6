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

package dev.kvsflink.connector.kinesisvideo.emulator;

/**
 * The error answers the emulator gives, with the HTTP status and the {@code x-amzn-ErrorType} name
 * the real service uses. The SDK maps the four modeled names to its exception classes of both
 * services; the others surface as the service's base exception with the status code.
 */
enum ErrorType {
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    INVALID_ARGUMENT("InvalidArgumentException", 400),
    CLIENT_LIMIT_EXCEEDED("ClientLimitExceededException", 400),
    NOT_AUTHORIZED("NotAuthorizedException", 401),
    /** A request for an operation that the endpoint does not serve. */
    UNKNOWN_OPERATION("UnknownOperationException", 404),
    INTERNAL_FAILURE("InternalFailure", 500),
    SERVICE_UNAVAILABLE("ServiceUnavailable", 503);

    private static final String NAMESPACE =
            ":http://internal.amazon.com/coral/com.amazonaws.kinesisvideo/";

    private final String wireName;
    private final int httpStatus;

    ErrorType(String wireName, int httpStatus) {
        this.wireName = wireName;
        this.httpStatus = httpStatus;
    }

    String wireName() {
        return wireName;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** The {@code x-amzn-ErrorType} header value: the name, a colon, a namespace. */
    String headerValue() {
        return wireName + NAMESPACE;
    }
}
