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

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.UUID;

/**
 * The request pipeline of one endpoint (control or data plane), which serves exactly one {@link
 * Operation}: injected latency and faults, then the SigV4 check, then routing, then the operation,
 * whose answer an injected {@link BodyFault} may break. Every HTTP answer carries an {@code
 * x-amzn-RequestId}; errors also carry {@code x-amzn-ErrorType} and a {@code {"Message": ...}}
 * body.
 */
final class ApiHandler implements HttpHandler {

    /** One operation's logic: a parsed request body in, a JSON answer out. */
    interface OperationHandler {
        /**
         * @throws ApiException for every error answer
         */
        byte[] handle(JsonNode body);
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final String planeName;
    private final Operation served;
    private final OperationHandler handler;
    private final ServiceContext context;
    private final SigV4Verifier verifier;

    /**
     * @param verifier checks signatures; {@code null} accepts unsigned requests
     */
    ApiHandler(
            String planeName,
            Operation served,
            OperationHandler handler,
            ServiceContext context,
            SigV4Verifier verifier) {
        this.planeName = planeName;
        this.served = served;
        this.handler = handler;
        this.context = context;
        this.verifier = verifier;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            boolean isServed =
                    "POST".equals(exchange.getRequestMethod())
                            && Operation.forPath(path).orElse(null) == served;
            Operation operation = isServed ? served : null;
            try {
                if (isServed) {
                    context.counters().requestReceived(served);
                }
                if (injectFault(operation, exchange)) {
                    return;
                }
                if (verifier != null) {
                    String host = exchange.getRequestHeaders().getFirst("Host");
                    verifier.verify(
                            path,
                            exchange.getRequestHeaders()::get,
                            host != null ? host : localHost(exchange),
                            body);
                }
                if (!isServed) {
                    throw new ApiException(
                            ErrorType.UNKNOWN_OPERATION,
                            "The "
                                    + planeName
                                    + " endpoint does not serve "
                                    + exchange.getRequestMethod()
                                    + " "
                                    + path
                                    + "; it serves only POST "
                                    + served.path()
                                    + (served == Operation.GET_DATA_ENDPOINT
                                            ? ": send ListFragments to the DataEndpoint that"
                                                    + " GetDataEndpoint returns"
                                            : ": send GetDataEndpoint to the control-plane"
                                                    + " endpoint"));
                }
                byte[] answer = handler.handle(JsonBodies.parse(body));
                BodyFault broken = context.faults().takeBodyFault(operation);
                if (broken != null) {
                    context.counters().faultInjected();
                    setHeaders(exchange, requestId, null);
                    broken.send(exchange, answer);
                    return;
                }
                send(exchange, 200, requestId, null, answer);
            } catch (ApiException e) {
                context.counters().errorAnswered(e.type().wireName());
                LOG.debug("{} {} -> {}: {}", planeName, path, e.type().wireName(), e.getMessage());
                send(
                        exchange,
                        e.type().httpStatus(),
                        requestId,
                        e.type(),
                        JsonBodies.error(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn("{} {} failed, answering InternalFailure", planeName, path, e);
                context.counters().errorAnswered(ErrorType.INTERNAL_FAILURE.wireName());
                send(
                        exchange,
                        500,
                        requestId,
                        ErrorType.INTERNAL_FAILURE,
                        JsonBodies.error("Internal failure: " + e));
            }
        }
    }

    /**
     * Sleeps for the injected latency, then applies the drawn fault.
     *
     * @return whether the connection was closed without an answer
     */
    private boolean injectFault(Operation operation, HttpExchange exchange) {
        long delay = context.faults().delayMillis(operation);
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        switch (context.faults().draw(operation)) {
            case HTTP_500 -> {
                context.counters().faultInjected();
                throw new ApiException(
                        ErrorType.INTERNAL_FAILURE, "Injected fault: internal failure");
            }
            case HTTP_503 -> {
                context.counters().faultInjected();
                throw new ApiException(
                        ErrorType.SERVICE_UNAVAILABLE, "Injected fault: service unavailable");
            }
            case CLOSE_CONNECTION -> {
                context.counters().faultInjected();
                // Closing before any header is sent makes the JDK server drop the connection.
                exchange.close();
                return true;
            }
            case THROTTLE -> {
                context.counters().faultInjected();
                throw new ApiException(
                        ErrorType.CLIENT_LIMIT_EXCEEDED, "Injected fault: rate exceeded");
            }
            default -> {
                return false;
            }
        }
    }

    private static void send(
            HttpExchange exchange, int status, String requestId, ErrorType error, byte[] body)
            throws IOException {
        setHeaders(exchange, requestId, error);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void setHeaders(HttpExchange exchange, String requestId, ErrorType error) {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-RequestId", requestId);
        if (error != null) {
            exchange.getResponseHeaders().set("x-amzn-ErrorType", error.headerValue());
        }
    }

    private static String localHost(HttpExchange exchange) {
        return exchange.getLocalAddress().getHostString()
                + ":"
                + exchange.getLocalAddress().getPort();
    }
}
