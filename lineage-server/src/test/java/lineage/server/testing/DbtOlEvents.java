package lineage.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The events OpenLineage's {@code dbt-ol} makes from six real dbt projects ({@code fixtures/dbt-ol}, see its README),
 * as {@code dbt-ol} sends them. The files are what its test suite expects, compared as a subset of the real events:
 * their matchers are replaced by values (a {@code runId} by a UUID made from the file, the event's index and its path,
 * a datetime by a fixed time, anything else by {@code any}), and what some files leave out of the envelope and of the
 * parent facet is put back as the suite makes it: the producer ({@value #PRODUCER}), the event time, the run id and the
 * parent run id ({@value #PARENT_RUN}).
 */
public final class DbtOlEvents {
    public static final List<String> PROJECTS = List.of("duckdb", "large", "postgres", "small", "snapshot", "test");

    private static final String ANY = "{{ any(result) }}";
    private static final String DATETIME = "{{ is_datetime(result) }}";
    /** The producer OpenLineage's test suite gives {@code dbt-ol}. */
    static final String PRODUCER = "https://github.com/OpenLineage/OpenLineage/tree/0.0.1/integration/dbt";
    /** The parent run id OpenLineage's test suite gives {@code dbt-ol} ({@code test_dbt_local.py}). */
    static final String PARENT_RUN = "f99310b4-3c3c-1a1a-2b2b-c1b95c24ff11";

    private DbtOlEvents() {}

    /** The events of {@code project}, in the file's order. */
    public static List<JsonNode> of(String project) {
        JsonNode events = ServerClient.json(read(project));
        List<JsonNode> filled = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            ObjectNode event = events.get(index).deepCopy();
            fill(event, project + "/" + index);
            putBack(event, project + "/" + index);
            filled.add(event);
        }
        return filled;
    }

    private static void putBack(ObjectNode event, String where) {
        if (!event.has("producer")) {
            event.put("producer", PRODUCER);
        }
        if (!event.has("eventTime")) {
            event.put("eventTime", "2022-12-14T21:28:16.899571Z");
        }
        ObjectNode run = event.with("run");
        if (!run.has("runId")) {
            run.put("runId", uuid(where + "/run/runId"));
        }
        JsonNode parent = event.path("run").path("facets").path("parent");
        if (parent instanceof ObjectNode object && !object.has("run")) {
            object.putObject("run").put("runId", PARENT_RUN);
        }
    }

    private static void fill(JsonNode node, String path) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                String where = path + "/" + field.getKey();
                JsonNode value = field.getValue();
                if (value.isTextual() && value.asText().equals(ANY)) {
                    object.put(field.getKey(), field.getKey().equals("runId") ? uuid(where) : "any");
                } else if (value.isTextual() && value.asText().equals(DATETIME)) {
                    object.put(field.getKey(), "2022-12-14T21:28:16.899571Z");
                } else {
                    fill(value, where);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int index = 0; index < array.size(); index++) {
                fill(array.get(index), path + "/" + index);
            }
        }
    }

    private static String uuid(String where) {
        return UUID.nameUUIDFromBytes(where.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String read(String project) {
        try (InputStream in = DbtOlEvents.class.getResourceAsStream("/fixtures/dbt-ol/" + project + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no dbt-ol fixture " + project);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
