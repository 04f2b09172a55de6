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

package dev.kvsflink.connector.kinesisvideo.client.testutils;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written fake of the two KVS endpoints on one loopback port, for testing the SDK wiring:
 * {@code GetDataEndpoint} answers this server's own address; {@code ListFragments} plays the
 * scripted answers in order, then {@link #defaultAnswer}. Records every request body.
 */
public final class ScriptedKvsServer implements AutoCloseable {

    /** One scripted answer. */
    public record Answer(int status, String errorType, String body) {

        /** A 200 answer with {@code body}. */
        public static Answer ok(String body) {
            return new Answer(200, null, body);
        }

        /** An error answer with {@code x-amzn-ErrorType} and a {@code Message}. */
        public static Answer error(int status, String errorType, String message) {
            return new Answer(status, errorType, "{\"Message\":\"" + message + "\"}");
        }
    }

    /** A page with one well-formed fragment and no token. */
    public static final String ONE_FRAGMENT_PAGE =
            "{\"Fragments\":[{\"FragmentNumber\":\"91343852333181432392682062607743920146264772710\","
                    + "\"FragmentSizeInBytes\":1234567,\"ProducerTimestamp\":1767225601.123,"
                    + "\"ServerTimestamp\":1767225601.456,\"FragmentLengthInMilliseconds\":2000}]}";

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger getDataEndpointCalls = new AtomicInteger();
    private final AtomicInteger listFragmentsCalls = new AtomicInteger();
    private final List<String> listFragmentsBodies = new CopyOnWriteArrayList<>();
    private final Semaphore listFragmentsArrivals = new Semaphore(0);
    private volatile Answer defaultAnswer = Answer.ok(ONE_FRAGMENT_PAGE);

    public ScriptedKvsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/getDataEndpoint", this::getDataEndpoint);
        server.createContext("/listFragments", this::listFragments);
        server.start();
    }

    /** The base URI of both endpoints. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues answers for the next {@code ListFragments} calls. */
    public void script(Answer... answers) {
        script.addAll(List.of(answers));
    }

    /** What {@code ListFragments} answers once the script is played. */
    public void answerAlways(Answer answer) {
        defaultAnswer = answer;
    }

    public int getDataEndpointCalls() {
        return getDataEndpointCalls.get();
    }

    public int listFragmentsCalls() {
        return listFragmentsCalls.get();
    }

    public List<String> listFragmentsBodies() {
        return listFragmentsBodies;
    }

    /** Blocks until {@code ListFragments} has been called {@code n} more times. */
    public void awaitListFragmentsCalls(int n) throws InterruptedException {
        listFragmentsArrivals.acquire(n);
    }

    private void getDataEndpoint(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        getDataEndpointCalls.incrementAndGet();
        respond(exchange, Answer.ok("{\"DataEndpoint\":\"" + endpoint() + "\"}"));
    }

    private void listFragments(HttpExchange exchange) throws IOException {
        listFragmentsBodies.add(
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        listFragmentsCalls.incrementAndGet();
        Answer answer = script.poll();
        respond(exchange, answer != null ? answer : defaultAnswer);
        listFragmentsArrivals.release();
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + System.nanoTime());
        if (answer.errorType() != null) {
            exchange.getResponseHeaders()
                    .add("x-amzn-ErrorType", answer.errorType() + ":http://internal.amazon.com/");
        }
        exchange.sendResponseHeaders(answer.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
