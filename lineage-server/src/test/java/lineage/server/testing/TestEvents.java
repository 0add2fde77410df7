package lineage.server.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/** OpenLineage events for tests, built as JSON the way a client sends them. */
public final class TestEvents {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TestEvents() {}

    /** A RunEvent without datasets; add {@code inputs}/{@code outputs} to it as a test needs. */
    public static ObjectNode runEvent(String type, String time, UUID runId, String namespace, String job) {
        ObjectNode event = NODES.objectNode();
        event.put("eventType", type);
        event.put("eventTime", time);
        event.put("producer", "https://github.com/lineage/tests");
        event.put("schemaURL", "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent");
        event.putObject("run").put("runId", runId.toString());
        event.putObject("job").put("namespace", namespace).put("name", job);
        return event;
    }

    /** A dataset with an empty facets object. */
    public static ObjectNode dataset(String namespace, String name) {
        ObjectNode dataset = NODES.objectNode().put("namespace", namespace).put("name", name);
        dataset.putObject("facets");
        return dataset;
    }

    /** A schema facet from (name, type) pairs. */
    public static ObjectNode schema(String... namesAndTypes) {
        ObjectNode schema = NODES.objectNode();
        schema.put("_producer", "https://github.com/lineage/tests");
        schema.put("_schemaURL", "https://openlineage.io/spec/facets/1-1-1/SchemaDatasetFacet.json");
        ArrayNode fields = schema.putArray("fields");
        for (int i = 0; i < namesAndTypes.length; i += 2) {
            fields.addObject().put("name", namesAndTypes[i]).put("type", namesAndTypes[i + 1]);
        }
        return schema;
    }
}
