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
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the SigV4 signature of a received request by signing the same request again with the SDK's
 * own {@link AwsV4HttpSigner}: same method, path, headers the client signed, {@code X-Amz-Date} and
 * payload, with the configured key pair, service {@code kinesisvideo} and region. No crypto is
 * written here, so the check agrees with the SDK by construction.
 *
 * <p>Failures throw a {@code NotAuthorizedException} answer whose message never contains the secret
 * or the expected signature. Thread-safe.
 */
final class SigV4Verifier {

    static final String SERVICE = "kinesisvideo";

    private static final Pattern AUTHORIZATION =
            Pattern.compile(
                    "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+),\\s*SignedHeaders=([^,\\s]+),"
                            + "\\s*Signature=([0-9a-f]{64})\\s*");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT);

    private final String region;
    private final String accessKey;
    private final AwsCredentialsIdentity credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SigV4Verifier(String region, String accessKey, String secretKey) {
        this.region = region;
        this.accessKey = accessKey;
        this.credentials = AwsCredentialsIdentity.create(accessKey, secretKey);
    }

    /**
     * Verifies one request.
     *
     * @param header the request's header values by name, case-insensitive
     * @param hostHeader the {@code Host} the client sent, e.g. {@code 127.0.0.1:4567}
     * @throws ApiException NotAuthorizedException when the signature is missing or wrong
     */
    void verify(
            String path, Function<String, List<String>> header, String hostHeader, byte[] body) {
        String authorization = first(header, "Authorization");
        if (authorization == null) {
            throw ApiException.notAuthorized(
                    "Missing Authorization header: requests must be signed with SigV4");
        }
        Matcher auth = AUTHORIZATION.matcher(authorization);
        if (!auth.matches()) {
            throw ApiException.notAuthorized("Malformed SigV4 Authorization header");
        }
        String amzDate = first(header, "X-Amz-Date");
        Instant signedAt = parseAmzDate(amzDate);
        checkScope(auth.group(1), amzDate);

        SdkHttpRequest.Builder request =
                SdkHttpRequest.builder()
                        .method(SdkHttpMethod.POST)
                        .protocol("http")
                        .host(host(hostHeader))
                        .port(port(hostHeader))
                        .encodedPath(path);
        for (String name : auth.group(2).split(";")) {
            if (name.equals("x-amz-date")) {
                continue; // the signer writes it from its clock, set to the client's date
            }
            List<String> values = header.apply(name);
            if (values == null) {
                throw ApiException.notAuthorized("Signed header '" + name + "' is missing");
            }
            request.putHeader(name, values);
        }
        SignedRequest resigned =
                signer.sign(
                        r ->
                                r.identity(credentials)
                                        .request(request.build())
                                        .payload(ContentStreamProvider.fromByteArray(body))
                                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
                                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                                        .putProperty(
                                                AwsV4HttpSigner.SIGNING_CLOCK,
                                                Clock.fixed(signedAt, ZoneOffset.UTC)));
        Matcher expected =
                AUTHORIZATION.matcher(
                        resigned.request().firstMatchingHeader("Authorization").orElse(""));
        if (!expected.matches()
                || !MessageDigest.isEqual(
                        auth.group(3).getBytes(StandardCharsets.US_ASCII),
                        expected.group(3).getBytes(StandardCharsets.US_ASCII))) {
            throw ApiException.notAuthorized(
                    "The request signature we calculated does not match the signature you"
                            + " provided. Check your AWS Secret Access Key and signing method.");
        }
    }

    private void checkScope(String credential, String amzDate) {
        String[] scope = credential.split("/");
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw ApiException.notAuthorized("Malformed credential scope in Authorization header");
        }
        if (!scope[0].equals(accessKey)) {
            throw ApiException.notAuthorized(
                    "The security token included in the request is invalid: unknown access key");
        }
        if (!scope[1].equals(amzDate.substring(0, 8))) {
            throw ApiException.notAuthorized("Credential scope date does not match X-Amz-Date");
        }
        if (!scope[2].equals(region)) {
            throw ApiException.notAuthorized(
                    "Credential should be scoped to a valid region: '" + region + "'");
        }
        if (!scope[3].equals(SERVICE)) {
            throw ApiException.notAuthorized(
                    "Credential should be scoped to correct service: '" + SERVICE + "'");
        }
    }

    private static Instant parseAmzDate(String amzDate) {
        if (amzDate == null) {
            throw ApiException.notAuthorized("Missing X-Amz-Date header");
        }
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ApiException.notAuthorized("Malformed X-Amz-Date header");
        }
    }

    private static String first(Function<String, List<String>> header, String name) {
        List<String> values = header.apply(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String host(String hostHeader) {
        int colon = hostHeader.lastIndexOf(':');
        return colon < 0 || hostHeader.endsWith("]") ? hostHeader : hostHeader.substring(0, colon);
    }

    private static int port(String hostHeader) {
        int colon = hostHeader.lastIndexOf(':');
        if (colon < 0 || hostHeader.endsWith("]")) {
            return 80;
        }
        try {
            return Integer.parseInt(hostHeader.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw ApiException.notAuthorized("Malformed Host header");
        }
    }

    @Override
    public String toString() {
        return "SigV4Verifier{region=" + region + ", accessKey=" + accessKey + '}';
    }
}
