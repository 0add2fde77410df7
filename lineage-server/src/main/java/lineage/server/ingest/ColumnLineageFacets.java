package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.model.NodeId;

/**
 * The {@code columnLineage} facets of an event's outputs, as column edges of a plan: each output field's input
 * fields, with their transformations (or the facet's older {@code transformationType} when an input field lists none).
 */
final class ColumnLineageFacets {
    private ColumnLineageFacets() {}

    /** The {@code columnLineage} facet of each output: its fields' input fields (and the datasets they name). */
    static void read(List<LineageEvent.DatasetRef> outputs, String source, ProjectionPlan plan) {
        for (LineageEvent.DatasetRef output : outputs) {
            JsonNode fields = output.facets().path("columnLineage").path("fields");
            if (!fields.isObject() || Projector.isArtefact(output.name())) {
                continue;
            }
            NodeId outputNode = NodeId.dataset(output.namespace(), output.name());
            Iterator<Map.Entry<String, JsonNode>> iterator = fields.fields();
            while (iterator.hasNext()) {
                Map.Entry<String, JsonNode> field = iterator.next();
                if (field.getKey().equals(Projector.ROW_ID)) {
                    continue;
                }
                for (JsonNode input : field.getValue().path("inputFields")) {
                    inputField(outputNode, field.getKey(), field.getValue(), input, source, plan);
                }
            }
        }
    }

    private static void inputField(
            NodeId output,
            String outputField,
            JsonNode fieldFacet,
            JsonNode input,
            String source,
            ProjectionPlan plan) {
        String namespace = input.path("namespace").asText("");
        String name = input.path("name").asText("");
        String field = input.path("field").asText("");
        if (namespace.isEmpty()
                || name.isEmpty()
                || field.isEmpty()
                || field.equals(Projector.ROW_ID)
                || Projector.isArtefact(name)) {
            return;
        }
        NodeId inputNode = plan.dataset(namespace, name);
        Map<String, Optional<String>> transformations = new LinkedHashMap<>();
        for (JsonNode transformation : input.path("transformations")) {
            transformations.put(
                    transformation.path("type").asText("DIRECT") + "/"
                            + transformation.path("subtype").asText(""),
                    Optional.ofNullable(Projector.text(transformation.path("description"))));
        }
        if (transformations.isEmpty()) {
            transformations.put(
                    "DIRECT/" + fieldFacet.path("transformationType").asText(""),
                    Optional.ofNullable(Projector.text(fieldFacet.path("transformationDescription"))));
        }
        transformations.forEach((kind, description) -> {
            String[] parts = kind.split("/", 2);
            plan.columnEdge(new Projection.ColumnEdge(
                    output, outputField, inputNode, field, parts[0], parts[1], description, source));
        });
    }
}
