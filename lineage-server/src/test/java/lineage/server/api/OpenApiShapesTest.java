package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import lineage.server.testing.OpenApiDocument;
import lineage.server.testing.ServerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The OpenAPI document that micronaut-openapi generates from the controllers names a response schema for every JSON
 * answer of a GET, and each schema has the shape of the answers {@link WireShapesIT} pinned: the same keys in the same
 * order, nulls only where the schema allows them, the same JSON types, down to the free-form JSON (facets, events).
 */
class OpenApiShapesTest {
    /** Marquez's GET endpoints, each with an answer pinned by {@link WireShapesIT}. */
    private static final Map<String, String> MARQUEZ = ordered(
            "/api/v1/namespaces", "namespaces",
            "/api/v1/namespaces/{namespace}", "namespace",
            "/api/v1/namespaces/{namespace}/datasets", "datasets-wire",
            "/api/v1/namespaces/{namespace}/datasets/{dataset}", "dataset-with-facets",
            "/api/v1/namespaces/{namespace}/datasets/{dataset}/versions", "dataset-versions",
            "/api/v1/namespaces/{namespace}/jobs", "jobs-wire",
            "/api/v1/namespaces/{namespace}/jobs/{job}", "job",
            "/api/v1/namespaces/{namespace}/jobs/{job}/runs", "job-runs",
            "/api/v1/jobs/runs/{id}", "run",
            "/api/v1/jobs/runs/{id}/facets", "run-facets-run",
            "/api/v1/lineage", "lineage-dataset",
            "/api/v1/column-lineage", "column-lineage-field",
            "/api/v1/events/lineage", "events",
            "/api/v1/search", "search",
            "/api/v1/tags", "tags",
            "/api/v1/jobs", "jobs-all",
            "/api/v1/sources", "sources",
            "/api/v1/sources/{source}", "source",
            "/api/v1/namespaces/{namespace}/jobs/{job}/versions", "job-versions",
            "/api/v1/runlineage/upstream", "run-lineage-upstream");

    /** Marquez's stats endpoints, with the fields of each item of their answers. */
    private static final Map<String, List<String>> STATS = Map.of(
            "/api/v1/stats/lineage-events",
            List.of("startInterval", "endInterval", "fail", "start", "complete", "abort"),
            "/api/v1/stats/jobs",
            List.of("startInterval", "endInterval", "count"),
            "/api/v1/stats/datasets",
            List.of("startInterval", "endInterval", "count"),
            "/api/v1/stats/sources",
            List.of("startInterval", "endInterval", "count"));

    private static final Map<String, Object> DOCUMENT = OpenApiDocument.load();

    @Test
    void everyJsonGetNamesAResponseSchema() {
        Map<String, String> schemas = new LinkedHashMap<>();
        paths().forEach((path, operations) -> {
            Map<String, Object> get =
                    map(operations).containsKey("get") ? map(map(operations).get("get")) : Map.of();
            Map<String, Object> json =
                    map(map(map(map(get.getOrDefault("responses", Map.of())).getOrDefault("200", Map.of()))
                                    .getOrDefault("content", Map.of()))
                            .getOrDefault("application/json", Map.of()));
            if (!json.isEmpty()) {
                Map<String, Object> schema = map(json.get("schema"));
                // Marquez answers some GETs (the stats) with a bare array.
                schemas.put(
                        path,
                        "array".equals(schema.get("type"))
                                ? "array of " + map(schema.get("items")).get("$ref")
                                : String.valueOf(schema.get("$ref")));
            }
        });

        assertThat(schemas).containsKeys(MARQUEZ.keySet().toArray(String[]::new));
        assertThat(schemas).containsKeys(STATS.keySet().toArray(String[]::new));
        schemas.forEach((path, reference) -> {
            assertThat(reference).as(path).matches("(array of )?#/components/schemas/\\w+Response");
            assertThat(map(resolve(Map.of("$ref", reference.replace("array of ", ""))))
                            .get("properties"))
                    .as(path)
                    .isNotNull();
        });
    }

    /**
     * Each stats endpoint answers an array of Marquez's LineageMetric or IntervalMetric, fields in Marquez's order
     * (their answers depend on the time of the request, so {@link WireShapesIT} pins none: {@code StatsApiIT} checks
     * them).
     */
    @Test
    void theStatsAreArraysOfMarquezMetrics() {
        STATS.forEach((path, keys) -> {
            Map<String, Object> responses =
                    map(map(map(paths().get(path)).get("get")).get("responses"));
            Map<String, Object> content = map(map(responses.get("200")).get("content"));
            Map<String, Object> schema =
                    map(map(content.get("application/json")).get("schema"));
            assertThat(schema.get("type")).as(path).isEqualTo("array");
            Map<String, Object> item = resolve(map(schema.get("items")));
            assertThat(map(item.get("properties")).keySet()).as(path).containsExactlyElementsOf(keys);
            assertThat(list(item.get("required"))).as(path).containsExactlyInAnyOrderElementsOf(keys);
        });
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("answers")
    void theSchemaHasTheShapeOfThePinnedAnswer(String path, String golden) {
        String text = WireShapesIT.golden(golden);
        String method = text.substring(0, text.indexOf(' ')).toLowerCase(Locale.ROOT);
        JsonNode body = ServerClient.json(text.substring(text.indexOf("\n\n") + 2));
        Object schema = map(map(map(map(map(map(paths().get(path)).get(method)).get("responses"))
                                        .get("200"))
                                .get("content"))
                        .get("application/json"))
                .get("schema");

        assertShape(golden, body, map(schema));
    }

    static Stream<Arguments> answers() {
        Map<String, String> answers = new LinkedHashMap<>();
        MARQUEZ.forEach((path, golden) -> answers.put(golden, path));
        answers.putAll(ordered(
                "dataset-versions-trino", "/api/v1/namespaces/{namespace}/datasets/{dataset}/versions",
                "job-failed", "/api/v1/namespaces/{namespace}/jobs/{job}",
                "run-failed", "/api/v1/jobs/runs/{id}",
                "lineage-job", "/api/v1/lineage",
                "lineage-upstream", "/api/v1/lineage",
                "column-lineage-downstream", "/api/v1/column-lineage",
                "column-lineage-trino", "/api/v1/column-lineage",
                "events-window", "/api/v1/events/lineage",
                "domains", "/api/v1/domains",
                "domains-graph", "/api/v1/domains/graph",
                "domain-datasets", "/api/v1/domains/{domain}/datasets",
                "datasets-most-read", "/api/v1/datasets/most-read",
                "impact", "/api/v1/impact",
                "impact-without-paths", "/api/v1/impact",
                "schema-change-ddl", "/api/v1/impact/schema-change",
                "tag-put", "/api/v1/tags/{name}",
                "namespace-put", "/api/v1/namespaces/{namespace}",
                "jobs-all-failed", "/api/v1/jobs",
                "trino-event", "/api/v1/trino/events"));
        return answers.entrySet().stream().map(answer -> Arguments.of(answer.getValue(), answer.getKey()));
    }

    /** The node has the schema's shape; {@code where} is its JSON path, for the messages. */
    private static void assertShape(String where, JsonNode node, Map<String, Object> schema) {
        if (node.isNull()) {
            assertThat(schema.get("nullable")).as(where + " is null").isEqualTo(true);
            return;
        }
        Map<String, Object> resolved = resolve(schema);
        if (resolved.containsKey("oneOf")) {
            List<Map<String, Object>> matches = new ArrayList<>();
            for (Object alternative : list(resolved.get("oneOf"))) {
                Map<String, Object> candidate = resolve(map(alternative));
                if (keys(node).equals(expectedKeys(node, candidate))) {
                    matches.add(candidate);
                }
            }
            assertThat(matches).as(where + " matches one of oneOf").hasSize(1);
            assertShape(where, node, matches.get(0));
            return;
        }
        String type = String.valueOf(resolved.get("type"));
        switch (type) {
            case "object" -> assertObject(where, node, resolved);
            case "array" -> {
                assertThat(node.isArray()).as(where + " is an array").isTrue();
                for (int index = 0; index < node.size(); index++) {
                    assertShape(where + "[" + index + "]", node.get(index), map(resolved.get("items")));
                }
            }
            case "string" -> assertThat(node.isTextual())
                    .as(where + " is a string")
                    .isTrue();
            case "integer" -> assertThat(node.isIntegralNumber())
                    .as(where + " is an integer")
                    .isTrue();
            case "number" -> assertThat(node.isNumber())
                    .as(where + " is a number")
                    .isTrue();
            case "boolean" -> assertThat(node.isBoolean())
                    .as(where + " is a boolean")
                    .isTrue();
            default -> throw new AssertionError(where + ": no type in schema " + resolved);
        }
    }

    private static void assertObject(String where, JsonNode node, Map<String, Object> schema) {
        assertThat(node.isObject()).as(where + " is an object").isTrue();
        if (!schema.containsKey("properties")) {
            // Free-form JSON, or a map whose values have a schema.
            if (schema.get("additionalProperties") instanceof Map<?, ?> values) {
                node.fields()
                        .forEachRemaining(
                                entry -> assertShape(where + "." + entry.getKey(), entry.getValue(), map(values)));
            }
            return;
        }
        assertThat(keys(node)).as(where + " keys").containsExactlyElementsOf(expectedKeys(node, schema));
        Map<String, Object> properties = map(schema.get("properties"));
        node.fields()
                .forEachRemaining(entry -> assertShape(
                        where + "." + entry.getKey(), entry.getValue(), map(properties.get(entry.getKey()))));
    }

    /** The schema's properties in order, less those it does not require that the node leaves out. */
    private static List<String> expectedKeys(JsonNode node, Map<String, Object> schema) {
        List<Object> required = list(schema.getOrDefault("required", List.of()));
        return map(schema.getOrDefault("properties", Map.of())).keySet().stream()
                .filter(key -> required.contains(key) || node.has(key))
                .toList();
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        Iterator<String> names = node.fieldNames();
        names.forEachRemaining(keys::add);
        return keys;
    }

    /** The schema a {@code $ref}, or an {@code allOf} of one (how a nullable reference is written), points to. */
    private static Map<String, Object> resolve(Map<String, Object> schema) {
        if (schema.containsKey("$ref")) {
            String name = String.valueOf(schema.get("$ref")).substring("#/components/schemas/".length());
            Map<String, Object> target =
                    map(map(map(DOCUMENT.get("components")).get("schemas")).get(name));
            assertThat(target).as("schema " + name).isNotEmpty();
            return resolve(target);
        }
        if (schema.get("allOf") instanceof List<?> all && all.size() == 1) {
            return resolve(map(all.get(0)));
        }
        return schema;
    }

    private static Map<String, Object> paths() {
        return map(DOCUMENT.get("paths"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    private static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int index = 0; index < keysAndValues.length; index += 2) {
            map.put(keysAndValues[index], keysAndValues[index + 1]);
        }
        return map;
    }
}
