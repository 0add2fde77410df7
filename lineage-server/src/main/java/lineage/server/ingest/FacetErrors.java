package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lineage.server.error.FieldError;

/**
 * A schema validator's error as the server words field errors elsewhere ({@code is required}, {@code must be a
 * string}): the field it names (a missing property's own path) and a short reason without the validator's internals.
 */
final class FacetErrors {
    private static final Map<String, String> FORMATS = Map.of(
            "uuid", "a UUID (8-4-4-4-12 hex digits)",
            "date-time", "an RFC 3339 date-time with an offset (2026-11-23T10:00:00Z)",
            "uri", "a URI (RFC 3986)");

    private FacetErrors() {}

    /** The error at {@code field} (the path of the value the validator checked). */
    static FieldError of(Error error, String field) {
        String keyword = error.getKeyword() == null ? "" : error.getKeyword();
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        return switch (keyword) {
            case "required" -> new FieldError(field + TreeWalk.step(error.getProperty()), "is required");
            case "type" -> new FieldError(field, type(arguments));
            case "format" -> new FieldError(field, format(arguments));
            case "enum" -> new FieldError(field, "must be one of " + values(error.getSchemaNode()));
            case "additionalProperties", "unevaluatedProperties" -> new FieldError(
                    field + TreeWalk.step(error.getProperty()), "is not allowed here");
            default -> new FieldError(field, error.getMessage());
        };
    }

    private static String type(Object[] arguments) {
        if (arguments.length < 2) {
            return "has the wrong type";
        }
        return "must be " + article(String.valueOf(arguments[1])) + " (was " + article(String.valueOf(arguments[0]))
                + ")";
    }

    private static String format(Object[] arguments) {
        String format = arguments.length > 0 ? String.valueOf(arguments[0]) : "";
        return "must be " + FORMATS.getOrDefault(format, "in the format " + format);
    }

    private static String values(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(value -> names.add(value.isTextual() ? value.asText() : value.toString()));
        return String.join(", ", names);
    }

    private static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }
}
