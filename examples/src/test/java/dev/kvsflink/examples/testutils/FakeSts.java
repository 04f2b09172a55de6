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

package dev.kvsflink.examples.testutils;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for AWS STS that answers {@code AssumeRole} and {@code AssumeRoleWithWebIdentity} with
 * fixed credentials (e.g. the emulator's key pair), so that the ASSUME_ROLE and WEB_IDENTITY_TOKEN
 * credentials styles can run end to end against the emulator. It checks nothing but records every
 * request's form parameters.
 */
public final class FakeSts implements AutoCloseable {

    private final HttpServer server;
    private final String accessKey;
    private final String secretKey;
    private final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

    private FakeSts(String accessKey, String secretKey) throws IOException {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake STS that hands out {@code accessKey} and {@code secretKey}. */
    public static FakeSts start(String accessKey, String secretKey) throws IOException {
        return new FakeSts(accessKey, secretKey);
    }

    /** Where to send STS calls ({@code aws.credentials.role.stsEndpoint}). */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The form parameters of every request received, in order. */
    public List<Map<String, String>> requests() {
        return requests;
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        requests.add(form);
        String action = form.getOrDefault("Action", "AssumeRole");
        String answer =
                "<"
                        + action
                        + "Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><"
                        + action
                        + "Result><Credentials><AccessKeyId>"
                        + accessKey
                        + "</AccessKeyId><SecretAccessKey>"
                        + secretKey
                        + "</SecretAccessKey><SessionToken>fake-session-token</SessionToken>"
                        + "<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>"
                        + "<AssumedRoleUser><AssumedRoleId>AROAFAKE:session</AssumedRoleId>"
                        + "<Arn>arn:aws:sts::123456789012:assumed-role/fake/session</Arn>"
                        + "</AssumedRoleUser></"
                        + action
                        + "Result><ResponseMetadata><RequestId>fake-sts-1</RequestId>"
                        + "</ResponseMetadata></"
                        + action
                        + "Response>";
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/xml");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
