package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.RunRow;

/**
 * A {@link Projection} being planned by {@link Projector}: what an event names is added in order, each dataset once
 * (a second mention adds its facets to the first's).
 */
final class ProjectionPlan {
    private final OffsetDateTime time;
    private final boolean partialSchemas;
    private final LinkedHashSet<String> namespaces = new LinkedHashSet<>();
    private Optional<Projection.JobWrite> job = Optional.empty();
    private Optional<RunRow> run = Optional.empty();
    private final Map<NodeId, Projection.DatasetWrite> datasets = new LinkedHashMap<>();
    private final List<Projection.EdgeSet> edges = new ArrayList<>();
    private Optional<Projection.JobVersionWrite> jobVersion = Optional.empty();
    private final List<Projection.ColumnEdge> columnLineage = new ArrayList<>();

    ProjectionPlan(OffsetDateTime time, boolean partialSchemas) {
        this.time = time;
        this.partialSchemas = partialSchemas;
    }

    void job(LineageEvent.JobRef jobRef) {
        namespaces.add(jobRef.namespace());
        String processing =
                jobRef.facets().path("jobType").path("processingType").asText("BATCH");
        String type = processing.equalsIgnoreCase("STREAMING") ? "STREAM" : "BATCH";
        ObjectNode facets = jobRef.facets().isObject()
                ? ((ObjectNode) jobRef.facets()).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        job = Optional.of(new Projection.JobWrite(NodeId.job(jobRef.namespace(), jobRef.name()), type, facets));
    }

    void run(RunRow row) {
        run = Optional.of(row);
    }

    void jobVersion(Projection.JobVersionWrite version) {
        jobVersion = Optional.of(version);
    }

    void columnEdge(Projection.ColumnEdge edge) {
        columnLineage.add(edge);
    }

    /** A dataset the event carries facets for; a second mention adds its facets to the first's. */
    void dataset(LineageEvent.DatasetRef dataset, Optional<UUID> runId) {
        if (Projector.isArtefact(dataset.name())) {
            return;
        }
        NodeId node = NodeId.dataset(dataset.namespace(), dataset.name());
        namespaces.add(dataset.namespace());
        ObjectNode facets = JsonNodeFactory.instance.objectNode();
        Projection.DatasetWrite earlier = datasets.get(node);
        if (earlier != null) {
            facets.setAll(earlier.facets());
        }
        if (dataset.facets().isObject()) {
            facets.setAll((ObjectNode) dataset.facets());
        }
        datasets.put(node, new Projection.DatasetWrite(node, facets, fields(facets), partialSchemas, runId));
    }

    /** A dataset named without facets (by column lineage or parsed SQL). */
    NodeId dataset(String namespace, String name) {
        NodeId node = NodeId.dataset(namespace, name);
        namespaces.add(namespace);
        datasets.putIfAbsent(
                node,
                new Projection.DatasetWrite(
                        node, JsonNodeFactory.instance.objectNode(), Optional.empty(), false, Optional.empty()));
        return node;
    }

    void edges(EdgeChange.Direction direction, String source, boolean authoritative, List<NodeId> nodes) {
        // An event may name a dataset twice; one edge each.
        edges.add(new Projection.EdgeSet(direction, source, authoritative, List.copyOf(new LinkedHashSet<>(nodes))));
    }

    Projection projection() {
        return new Projection(
                time,
                List.copyOf(namespaces),
                job,
                run,
                List.copyOf(datasets.values()),
                edges,
                jobVersion,
                columnLineage);
    }

    /** The schema facet's fields, as the dataset keeps them (without Trino's {@code $row_id}). */
    private static Optional<ArrayNode> fields(JsonNode facets) {
        JsonNode schemaFields = facets.path("schema").path("fields");
        if (!schemaFields.isArray()) {
            return Optional.empty();
        }
        ArrayNode fields = JsonNodeFactory.instance.arrayNode();
        for (JsonNode field : schemaFields) {
            String name = field.path("name").asText("");
            if (name.isEmpty() || name.equals(Projector.ROW_ID)) {
                continue;
            }
            ObjectNode kept = fields.addObject();
            kept.put("name", name);
            kept.put("type", Projector.text(field.path("type")));
            kept.put("description", Projector.text(field.path("description")));
        }
        return Optional.of(fields);
    }
}
