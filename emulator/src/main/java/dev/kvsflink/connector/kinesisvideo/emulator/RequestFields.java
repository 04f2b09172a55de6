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

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Typed, validated access to the fields of one JSON request object. Every failure is an {@code
 * InvalidArgumentException} answer whose message names the field, in the style of the service's
 * validation errors. A field that is absent or JSON {@code null} counts as not given.
 */
final class RequestFields {

    private final JsonNode node;
    private final String path;

    private RequestFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The fields of a request body, which must be a JSON object. */
    static RequestFields of(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalidArgument("The request body must be a JSON object");
        }
        return new RequestFields(body, "");
    }

    /** Whether {@code field} is given. */
    boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** A string field, or {@code null}; checked for length and pattern when given. */
    String optionalString(String field, int minLength, int maxLength, Pattern pattern) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw invalid(field, value.toString(), "Member must be a string");
        }
        String text = value.textValue();
        if (text.length() < minLength) {
            throw invalid(
                    field, text, "Member must have length greater than or equal to " + minLength);
        }
        if (text.length() > maxLength) {
            throw invalid(
                    field, text, "Member must have length less than or equal to " + maxLength);
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            throw invalid(
                    field,
                    text,
                    "Member must satisfy regular expression pattern: " + pattern.pattern());
        }
        return text;
    }

    /** A required string field that must be one of {@code allowed}. */
    String requiredEnum(String field, String... allowed) {
        if (!has(field)) {
            throw missing(field);
        }
        String text = optionalString(field, 1, 256, null);
        for (String value : allowed) {
            if (value.equals(text)) {
                return text;
            }
        }
        throw invalid(
                field,
                text,
                "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
    }

    /** An integer field within {@code [min, max]}, or {@code fallback} when not given. */
    int optionalInt(String field, int min, int max, int fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(field, value.toString(), "Member must be an integer");
        }
        int number = value.intValue();
        if (number < min) {
            throw invalid(
                    field,
                    value.toString(),
                    "Member must have value greater than or equal to " + min);
        }
        if (number > max) {
            throw invalid(
                    field, value.toString(), "Member must have value less than or equal to " + max);
        }
        return number;
    }

    /** A nested object field, or {@code null} when not given. */
    RequestFields optionalObject(String field) {
        if (!has(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        if (!value.isObject()) {
            throw invalid(field, value.toString(), "Member must be a structure");
        }
        return new RequestFields(value, name(field) + ".");
    }

    /** A nested object field that must be given. */
    RequestFields requiredObject(String field) {
        RequestFields object = optionalObject(field);
        if (object == null) {
            throw missing(field);
        }
        return object;
    }

    /**
     * A required timestamp, sent as epoch seconds with a fraction, in epoch milliseconds (sub-
     * millisecond digits are dropped: the service keeps milliseconds).
     */
    long requiredTimestampMillis(String field) {
        if (!has(field)) {
            throw missing(field);
        }
        JsonNode value = node.get(field);
        if (!value.isNumber()) {
            throw invalid(field, value.toString(), "Member must be a timestamp in epoch seconds");
        }
        BigDecimal seconds = value.decimalValue();
        try {
            return seconds.movePointRight(3).setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw invalid(field, value.toString(), "Member must be a valid timestamp");
        }
    }

    /** The full name of {@code field}, e.g. {@code FragmentSelector.TimestampRange}. */
    String name(String field) {
        return path + field;
    }

    private ApiException missing(String field) {
        return ApiException.invalidArgument(
                "1 validation error detected: Value null at '"
                        + name(field)
                        + "' failed to satisfy constraint: Member must not be null");
    }

    private ApiException invalid(String field, String value, String constraint) {
        String shown = value.length() > 64 ? value.substring(0, 64) + "..." : value;
        return ApiException.invalidArgument(
                "1 validation error detected: Value '"
                        + shown
                        + "' at '"
                        + name(field)
                        + "' failed to satisfy constraint: "
                        + constraint);
    }
}
