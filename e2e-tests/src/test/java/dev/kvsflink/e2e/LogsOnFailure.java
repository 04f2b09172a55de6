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

package dev.kvsflink.e2e;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Attaches the log tails of every process the tests started to a failure, so that a red run says
 * why the cluster, the client or the emulator misbehaved. The full logs stay under {@code
 * target/e2e/}.
 */
public final class LogsOnFailure
        implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeAllMethodExecutionException(
            ExtensionContext context, Throwable failure) {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(
            ExtensionContext context, Throwable failure) {
        throw withLogs(failure);
    }

    private static AssertionError withLogs(Throwable failure) {
        return new AssertionError(
                failure + "\n\nLogs of the processes:\n" + ProcessRegistry.diagnostics(), failure);
    }
}
