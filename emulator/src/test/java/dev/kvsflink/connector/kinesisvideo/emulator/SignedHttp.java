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

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Raw HTTP requests to the emulator, signed or not, for what the SDK will not send: malformed
 * bodies, tampered signatures, unsigned requests.
 */
final class SignedHttp {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private SignedHttp() {}

    /** How to sign: a key pair, a region and a service; null accessKey for an unsigned request. */
    record Signing(String accessKey, String secretKey, String region, String service) {
        static Signing of(KinesisVideoEmulator emulator) {
            return new Signing(
                    emulator.accessKey(), emulator.secretKey(), emulator.region(), "kinesisvideo");
        }

        Signing withSecret(String secret) {
            return new Signing(accessKey, secret, region, service);
        }

        Signing withAccessKey(String key) {
            return new Signing(key, secretKey, region, service);
        }

        Signing withRegion(String other) {
            return new Signing(accessKey, secretKey, other, service);
        }

        Signing withService(String other) {
            return new Signing(accessKey, secretKey, region, other);
        }
    }

    /** The headers of {@code json} POSTed to {@code path} as signed by {@code signing}. */
    static Map<String, List<String>> signedHeaders(
            URI endpoint, String path, String json, Signing signing) {
        SdkHttpRequest request =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .uri(endpoint.resolve(path))
                        .putHeader("Content-Type", "application/json")
                        .build();
        AwsCredentialsIdentity identity =
                AwsCredentialsIdentity.create(signing.accessKey(), signing.secretKey());
        return AwsV4HttpSigner.create()
                .sign(
                        r ->
                                r.identity(identity)
                                        .request(request)
                                        .payload(ContentStreamProvider.fromUtf8String(json))
                                        .putProperty(
                                                AwsV4HttpSigner.SERVICE_SIGNING_NAME,
                                                signing.service())
                                        .putProperty(AwsV4HttpSigner.REGION_NAME, signing.region()))
                .request()
                .headers();
    }

    /** POSTs {@code body} with {@code headers} (Host and Content-Length are the client's own). */
    static HttpResponse<String> post(
            URI endpoint, String path, Map<String, List<String>> headers, String body) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(endpoint.resolve(path))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        headers.forEach(
                (name, values) -> {
                    if (!name.equalsIgnoreCase("Host")
                            && !name.equalsIgnoreCase("Content-Length")) {
                        values.forEach(value -> request.header(name, value));
                    }
                });
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs {@code json} to {@code path}, signed by {@code signing}. */
    static HttpResponse<String> post(URI endpoint, String path, String json, Signing signing) {
        return post(endpoint, path, signedHeaders(endpoint, path, json, signing), json);
    }

    /** The error type name of an answer, without its namespace, or null. */
    static String errorType(HttpResponse<String> response) {
        return response.headers()
                .firstValue("x-amzn-ErrorType")
                .map(value -> value.substring(0, value.indexOf(':')))
                .orElse(null);
    }
}
