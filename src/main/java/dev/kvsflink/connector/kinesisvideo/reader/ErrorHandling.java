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

package dev.kvsflink.connector.kinesisvideo.reader;

import org.apache.flink.annotation.Internal;
import org.apache.flink.runtime.execution.SuppressRestartsException;

import dev.kvsflink.connector.kinesisvideo.client.KinesisVideoServiceException;
import dev.kvsflink.connector.kinesisvideo.config.KinesisVideoSourceSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.Duration;

/**
 * What a reader does with a call that failed after the SDK's retries.
 *
 * @param suppressRestartsOnPermanentErrors whether an error that retrying cannot fix fails the job
 *     at once, bypassing the restart strategy
 * @param throttlingTimeout how long one call may go on being throttled, retried at the reader's
 *     slowed-down pace, before the job fails through the restart strategy
 */
@Internal
record ErrorHandling(boolean suppressRestartsOnPermanentErrors, Duration throttlingTimeout)
        implements Serializable {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);

    /** The error handling the settings configure. */
    static ErrorHandling from(KinesisVideoSourceSettings settings) {
        return new ErrorHandling(
                settings.suppressRestartsOnPermanentErrors(),
                Duration.ofMillis(settings.throttlingTimeoutMillis()));
    }

    /**
     * What to fail with: a permanent error bypasses the restart strategy when so configured, as
     * restarting would only meet it again (a missing stream or bad credentials must not
     * restart-loop quietly); anything else goes through the restart strategy.
     */
    RuntimeException failure(KinesisVideoServiceException e) {
        if (e.isPermanent() && suppressRestartsOnPermanentErrors) {
            LOG.error(
                    "{}: retrying cannot fix this; failing the job without restarts",
                    e.getMessage());
            return new SuppressRestartsException(e);
        }
        return e;
    }

    /** What to fail with for an error of the job's configuration, which restarting cannot fix. */
    RuntimeException permanent(RuntimeException e) {
        return suppressRestartsOnPermanentErrors ? new SuppressRestartsException(e) : e;
    }
}
