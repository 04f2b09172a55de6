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

import java.util.Optional;

/** The two operations the emulator serves, each on its own endpoint. */
public enum Operation {
    /** {@code POST /getDataEndpoint}, served by the control plane only. */
    GET_DATA_ENDPOINT("GetDataEndpoint", "/getDataEndpoint"),
    /** {@code POST /listFragments}, served by the data plane only. */
    LIST_FRAGMENTS("ListFragments", "/listFragments");

    private final String apiName;
    private final String path;

    Operation(String apiName, String path) {
        this.apiName = apiName;
        this.path = path;
    }

    /** The operation's name in the API, e.g. {@code ListFragments}. */
    public String apiName() {
        return apiName;
    }

    /** The request path of the operation, e.g. {@code /listFragments}. */
    public String path() {
        return path;
    }

    /** The operation whose request path is {@code path}, if any. */
    public static Optional<Operation> forPath(String path) {
        for (Operation operation : values()) {
            if (operation.path.equals(path)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}
