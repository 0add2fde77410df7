package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import lineage.server.testing.OpenApiDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document lists every endpoint of Marquez's API this server offers ({@code marquez/contract.json}) with
 * a real response type: a schema that has each field Marquez's answer has, with its JSON type, down to the nested
 * types (free-form objects, maps of values and JSON answered as stored aside). {@link OpenApiShapesTest} checks the schemas against the
 * answers themselves.
 */
class MarquezOpenApiTest {
    private static final MarquezShapes SHAPES = MarquezShapes.contract();
    private static final Map<String, Object> DOCUMENT = OpenApiDocument.load();

    static Stream<Arguments> endpoints() {
        List<Arguments> endpoints = new ArrayList<>();
        for (JsonNode endpoint : SHAPES.document().path("endpoints")) {
            endpoints.add(Arguments.of(
                    endpoint.path("endpoint").asText(),
                    endpoint.path("status").asInt(),
                    endpoint.path("response").asText()));
        }
        return endpoints.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theDocumentHasTheEndpointWithMarquezsResponseType(String endpoint, int status, String type) {
        String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase(Locale.ROOT);
        String path = endpoint.substring(endpoint.indexOf(' ') + 1);
        Map<String, Object> operations = map(map(DOCUMENT.get("paths")).get(path));
        assertThat(operations).as("the OpenAPI document's paths hold " + path).isNotEmpty();
        Map<String, Object> operation = map(operations.get(method));
        assertThat(operation).as("the OpenAPI document has " + endpoint).isNotEmpty();
        if (type.equals("empty")) {
            return;
        }
        Map<String, Object> responses = map(operation.get("responses"));
        Map<String, Object> answer = map(responses.get(String.valueOf(status)));
        assertThat(answer)
                .as(endpoint + " answers " + status + " in the document")
                .isNotEmpty();
        Object schema = map(map(answer.get("content")).get("application/json")).get("schema");
        assertThat(schema).as(endpoint + ": a JSON response schema").isNotNull();

        List<String> mismatches = new ArrayList<>();
        compare(map(schema), type, "$", mismatches);
        assertThat(mismatches)
                .as(endpoint + ": the response schema has Marquez's " + type)
                .isEmpty();
    }

    /** What the schema lacks of the contract's type (its JSON type, or a field of a named type). */
    private static void compare(Map<String, Object> schema, String type, String where, List<String> mismatches) {
        List<String> alternatives = MarquezShapes.alternatives(type).stream()
                .filter(alternative -> !alternative.equals("null") && !alternative.equals("absent"))
                .toList();
        Map<String, Object> resolved = resolve(schema);
        if (alternatives.size() > 1) {
            List<Object> oneOf = list(resolved.get("oneOf"));
            for (String alternative : alternatives) {
                boolean found = oneOf.stream().anyMatch(candidate -> {
                    List<String> inCandidate = new ArrayList<>();
                    compare(map(candidate), alternative, where, inCandidate);
                    return inCandidate.isEmpty();
                });
                if (!found) {
                    mismatches.add(where + ": no alternative of oneOf has Marquez's " + alternative);
                }
            }
            return;
        }
        String single = alternatives.get(0);
        String openApiType = String.valueOf(resolved.get("type"));
        if (single.startsWith("array")) {
            if (!openApiType.equals("array")) {
                mismatches.add(where + ": expected an array, the schema says " + openApiType);
            } else if (single.startsWith("array<")) {
                compare(map(resolved.get("items")), inner(single), where + "[]", mismatches);
            }
            return;
        }
        switch (single) {
            case "string", "integer", "boolean" -> expect(openApiType, single, where, mismatches);
            case "number" -> {
                if (!openApiType.equals("number") && !openApiType.equals("integer")) {
                    mismatches.add(where + ": expected a number, the schema says " + openApiType);
                }
            }
            case "object" -> expect(openApiType, "object", where, mismatches);
            case "any" -> {}
            default -> {
                if (single.startsWith("map<")) {
                    expect(openApiType, "object", where, mismatches);
                } else {
                    compareNamed(resolved, single, where, mismatches);
                }
            }
        }
    }

    private static void compareNamed(Map<String, Object> schema, String name, String where, List<String> mismatches) {
        if (SHAPES.document().path("types").path(name).has("verbatim")) {
            expect(String.valueOf(schema.get("type")), "object", where, mismatches);
            return;
        }
        Map<String, Object> properties = map(schema.get("properties"));
        Iterator<Map.Entry<String, JsonNode>> fields =
                SHAPES.document().path("types").path(name).path("fields").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!properties.containsKey(field.getKey())) {
                mismatches.add(where + "." + field.getKey() + ": not in the schema (Marquez's " + name + " has it)");
            } else {
                compare(
                        map(properties.get(field.getKey())),
                        field.getValue().asText(),
                        where + "." + field.getKey(),
                        mismatches);
            }
        }
    }

    private static void expect(String actual, String expected, String where, List<String> mismatches) {
        if (!actual.equals(expected)) {
            mismatches.add(where + ": expected " + expected + ", the schema says " + actual);
        }
    }

    private static String inner(String type) {
        return type.substring(type.indexOf('<') + 1, type.lastIndexOf('>')).trim();
    }

    /** The schema a {@code $ref}, or an {@code allOf} of one (how a nullable reference is written), points to. */
    private static Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            String name = String.valueOf(schema.get("$ref")).substring("#/components/schemas/".length());
            return resolve(
                    map(map(map(DOCUMENT.get("components")).get("schemas")).get(name)));
        }
        if (schema.get("allOf") instanceof List<?> all && all.size() == 1) {
            return resolve(map(all.get(0)));
        }
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
