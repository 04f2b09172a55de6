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

/** An error answer on its way out: thrown by the request pipeline, turned into HTTP by it. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorType type;

    ApiException(ErrorType type, String message) {
        super(message, null, false, false);
        this.type = type;
    }

    ErrorType type() {
        return type;
    }

    static ApiException invalidArgument(String message) {
        return new ApiException(ErrorType.INVALID_ARGUMENT, message);
    }

    static ApiException notAuthorized(String message) {
        return new ApiException(ErrorType.NOT_AUTHORIZED, message);
    }
}
