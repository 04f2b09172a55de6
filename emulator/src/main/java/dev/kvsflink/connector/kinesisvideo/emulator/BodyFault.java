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

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * A broken HTTP 200 answer, for the cases a client must not take for a valid one: a body that is
 * not what the API promises, a body cut short, a body that stalls half-way. Built by {@link
 * EmulatorFaults#rawAnswer}, {@link EmulatorFaults#cutBody} and {@link EmulatorFaults#stallBody}.
 */
final class BodyFault {

    private final byte[] raw;
    private final Duration stall;
    private final boolean cut;

    private BodyFault(byte[] raw, Duration stall, boolean cut) {
        this.raw = raw;
        this.stall = stall;
        this.cut = cut;
    }

    /** Answers exactly {@code body} instead of the operation's answer. */
    static BodyFault raw(String body) {
        return new BodyFault(body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, false);
    }

    /** Declares the whole answer's length, sends its first half and closes the connection. */
    static BodyFault cut() {
        return new BodyFault(null, Duration.ZERO, true);
    }

    /** Sends the first half of the answer, then nothing for {@code stall}, then closes. */
    static BodyFault stall(Duration stall) {
        return new BodyFault(null, stall, true);
    }

    /**
     * Sends the broken form of {@code answer}, a 200 answer whose headers are already set.
     *
     * @throws IOException always for a cut or stalled body: the JDK server then closes the
     *     connection instead of waiting for the bytes it was promised
     */
    void send(HttpExchange exchange, byte[] answer) throws IOException {
        if (!cut) {
            exchange.sendResponseHeaders(200, raw.length);
            exchange.getResponseBody().write(raw);
            return;
        }
        exchange.sendResponseHeaders(200, answer.length);
        OutputStream out = exchange.getResponseBody();
        out.write(Arrays.copyOf(answer, answer.length / 2));
        out.flush();
        if (!stall.isZero()) {
            try {
                Thread.sleep(stall.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // Closing a fixed-length body before its end drops the connection (and throws).
        out.close();
    }

    @Override
    public String toString() {
        return cut
                ? (stall.isZero() ? "cut" : "stall " + stall)
                : "raw " + new String(raw, StandardCharsets.UTF_8);
    }
}
