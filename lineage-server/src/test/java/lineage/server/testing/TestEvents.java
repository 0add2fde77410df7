package lineage.server.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openlineage.client.OpenLineage;
import java.net.URI;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** OpenLineage events for tests, built as JSON the way a client sends them. */
public final class TestEvents {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final OpenLineage OL = new OpenLineage(URI.create("https://github.com/lineage/tests"));

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

    /**
     * A RunEvent of job {@code job} in namespace {@code ns} at 2026-11-23T10:00:00Z, as JSON text; {@code datasets} is
     * the text of its {@code inputs} and {@code outputs} keys.
     */
    public static String runEventJson(UUID runId, String type, String job, String datasets) {
        return "{\"eventType\": \"" + type + "\", \"eventTime\": \"2026-11-23T10:00:00Z\","
                + " \"producer\": \"https://github.com/lineage/tests\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"" + runId + "\"}, \"job\": {\"namespace\": \"ns\", \"name\": \"" + job
                + "\"}, " + datasets + "}";
    }

    /**
     * A RunEvent built with the official openlineage-java client, of job {@code job} in namespace {@code etl}, now; its
     * datasets are in {@code trino://trino:8080}, each output with a one-field schema.
     */
    public static OpenLineage.RunEvent clientRunEvent(
            UUID runId, OpenLineage.RunEvent.EventType type, String job, List<String> inputs, List<String> outputs) {
        List<OpenLineage.InputDataset> inputDatasets = new ArrayList<>();
        for (String input : inputs) {
            inputDatasets.add(OL.newInputDatasetBuilder()
                    .namespace("trino://trino:8080")
                    .name(input)
                    .build());
        }
        List<OpenLineage.OutputDataset> outputDatasets = new ArrayList<>();
        for (String output : outputs) {
            OpenLineage.SchemaDatasetFacet schema = OL.newSchemaDatasetFacetBuilder()
                    .fields(List.of(OL.newSchemaDatasetFacetFieldsBuilder()
                            .name("order_count")
                            .type("BIGINT")
                            .build()))
                    .build();
            outputDatasets.add(OL.newOutputDatasetBuilder()
                    .namespace("trino://trino:8080")
                    .name(output)
                    .facets(OL.newDatasetFacetsBuilder().schema(schema).build())
                    .build());
        }
        return OL.newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now())
                .run(OL.newRunBuilder().runId(runId).build())
                .job(OL.newJobBuilder().namespace("etl").name(job).build())
                .inputs(inputDatasets)
                .outputs(outputDatasets)
                .build();
    }
}
