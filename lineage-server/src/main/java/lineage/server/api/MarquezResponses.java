package lineage.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lineage.server.store.DatasetRow;
import lineage.server.store.DatasetVersionRow;
import lineage.server.store.JobEdgeRow;
import lineage.server.store.JobRow;
import lineage.server.store.JobRunRow;
import lineage.server.store.NamespaceRow;
import lineage.server.store.TagRow;

/**
 * Marquez's JSON shapes built from rows, keys in Marquez's order. What the store does not hold is {@code null}, or
 * empty when Marquez always sends a collection; it is never made up.
 */
final class MarquezResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MarquezResponses() {}

    static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** {@code {"<key>": [items], "totalCount": N}}. */
    static ObjectNode page(String key, List<ObjectNode> items, long totalCount) {
        ObjectNode page = list(key, items);
        page.put("totalCount", totalCount);
        return page;
    }

    /** {@code {"<key>": [items]}}. */
    static ObjectNode list(String key, List<ObjectNode> items) {
        ObjectNode list = NODES.objectNode();
        list.putArray(key).addAll(items);
        return list;
    }

    static ObjectNode namespace(NamespaceRow row) {
        ObjectNode namespace = NODES.objectNode();
        namespace.put("name", row.name());
        namespace.put("createdAt", row.createdAt().toString());
        namespace.put("updatedAt", row.updatedAt().toString());
        namespace.put("ownerName", row.ownerName());
        namespace.put("description", row.description());
        namespace.put("isHidden", row.hidden());
        return namespace;
    }

    /** A dataset with its tags and its fields' tags (by field name), each sorted. */
    static ObjectNode dataset(DatasetRow row, List<String> tags, Map<String, List<String>> fieldTags) {
        JsonNode facets = object(row.facets());
        ObjectNode dataset = NODES.objectNode();
        dataset.set("id", id(row.namespace(), row.name()));
        dataset.put("type", "DB_TABLE");
        dataset.put("name", row.name());
        dataset.put("physicalName", row.name());
        dataset.put("createdAt", row.createdAt().toString());
        dataset.put("updatedAt", row.updatedAt().toString());
        dataset.put("namespace", row.namespace());
        dataset.put("sourceName", sourceName(row, facets));
        dataset.put("domain", row.domain());
        dataset.set("fields", fields(row.fields(), fieldTags));
        dataset.set("tags", texts(tags));
        dataset.put("lastModifiedAt", row.updatedAt().toString());
        dataset.putNull("lastLifecycleState");
        dataset.putNull("description");
        dataset.put("currentVersion", text(row.currentVersion()));
        dataset.putNull("columnLineage");
        dataset.set("facets", facets);
        dataset.put("deleted", row.hidden());
        return dataset;
    }

    static ObjectNode datasetVersion(DatasetRow dataset, DatasetVersionRow row, Optional<JobRunRow> createdBy) {
        ObjectNode version = NODES.objectNode();
        version.set(
                "id",
                id(dataset.namespace(), dataset.name()).put("version", row.id().toString()));
        version.put("type", "DB_TABLE");
        version.put("name", dataset.name());
        version.put("physicalName", dataset.name());
        version.put("createdAt", row.createdAt().toString());
        version.put("version", row.id().toString());
        version.put("namespace", dataset.namespace());
        version.put("sourceName", sourceName(dataset, object(dataset.facets())));
        version.set("fields", fields(row.fields(), Map.of()));
        version.putArray("tags");
        version.putNull("lifecycleState");
        version.putNull("description");
        version.set(
                "createdByRun", createdBy.<JsonNode>map(MarquezResponses::run).orElse(NODES.nullNode()));
        // Facets are kept per dataset, not per version.
        version.putObject("facets");
        version.putNull("columnLineage");
        return version;
    }

    /** A job; {@code edges} are its current edges, inputs and outputs each sorted by namespace and name. */
    static ObjectNode job(
            JobRow row,
            List<JobEdgeRow> edges,
            Optional<JobRunRow> latestRun,
            List<JobRunRow> latestRuns,
            List<String> tags) {
        ObjectNode job = NODES.objectNode();
        job.set("id", id(row.namespace(), row.name()));
        job.put("type", row.type());
        job.put("name", row.name());
        job.put("simpleName", row.name());
        job.putNull("parentJobName");
        job.putNull("parentJobUuid");
        job.put("createdAt", row.createdAt().toString());
        job.put("updatedAt", row.updatedAt().toString());
        job.put("namespace", row.namespace());
        job.set("inputs", datasetIds(edges, "INPUT"));
        job.set("outputs", datasetIds(edges, "OUTPUT"));
        job.putNull("location");
        job.putNull("description");
        job.set("latestRun", latestRun.<JsonNode>map(MarquezResponses::run).orElse(NODES.nullNode()));
        ArrayNode runs = job.putArray("latestRuns");
        latestRuns.forEach(run -> runs.add(run(run)));
        job.set("facets", object(row.facets()));
        job.put("currentVersion", text(row.currentVersion()));
        job.putArray("labels");
        job.set("tags", texts(tags));
        return job;
    }

    static ObjectNode run(JobRunRow row) {
        ObjectNode run = NODES.objectNode();
        run.put("id", row.id().toString());
        run.put("createdAt", row.createdAt().toString());
        run.put("updatedAt", row.updatedAt().toString());
        run.put("nominalStartTime", text(row.nominalStart()));
        run.put("nominalEndTime", text(row.nominalEnd()));
        run.put("state", row.state());
        run.put("startedAt", text(row.startedAt()));
        run.put("endedAt", text(row.endedAt()));
        run.put(
                "durationMs",
                row.startedAt() == null || row.endedAt() == null
                        ? null
                        : Duration.between(row.startedAt(), row.endedAt()).toMillis());
        run.putObject("args");
        if (row.jobVersion() == null) {
            run.putNull("jobVersion");
        } else {
            run.set(
                    "jobVersion",
                    id(row.jobNamespace(), row.jobName())
                            .put("version", row.jobVersion().toString()));
        }
        run.putArray("inputDatasetVersions");
        run.putArray("outputDatasetVersions");
        run.putObject("context");
        run.set("facets", object(row.facets()));
        return run;
    }

    /** {@code {"runId": id, "facets": {...}}}. */
    static ObjectNode runFacets(UUID runId, String facets) {
        ObjectNode answer = NODES.objectNode();
        answer.put("runId", runId.toString());
        answer.set("facets", object(facets));
        return answer;
    }

    private static ObjectNode id(String namespace, String name) {
        return NODES.objectNode().put("namespace", namespace).put("name", name);
    }

    private static ArrayNode datasetIds(List<JobEdgeRow> edges, String direction) {
        ArrayNode ids = NODES.arrayNode();
        for (JobEdgeRow edge : edges) {
            if (edge.direction().equals(direction)) {
                ids.add(id(edge.namespace(), edge.name()));
            }
        }
        return ids;
    }

    /** The stored source name; else the name in the {@code dataSource} facet, which is where events carry it. */
    private static String sourceName(DatasetRow row, JsonNode facets) {
        if (row.sourceName() != null) {
            return row.sourceName();
        }
        JsonNode name = facets.path("dataSource").path("name");
        return name.isTextual() ? name.asText() : null;
    }

    /** {@code {"name": ..., "description": ...}}. */
    static ObjectNode tag(TagRow row) {
        ObjectNode tag = NODES.objectNode();
        tag.put("name", row.name());
        tag.put("description", row.description());
        return tag;
    }

    private static ArrayNode texts(List<String> values) {
        ArrayNode texts = NODES.arrayNode();
        values.forEach(texts::add);
        return texts;
    }

    private static ArrayNode fields(String stored, Map<String, List<String>> fieldTags) {
        ArrayNode fields = NODES.arrayNode();
        for (JsonNode field : parse(stored)) {
            ObjectNode wire = fields.addObject();
            wire.put("name", field.path("name").asText());
            wire.set("type", field.hasNonNull("type") ? field.get("type") : NODES.nullNode());
            wire.set("tags", texts(fieldTags.getOrDefault(wire.path("name").asText(), List.of())));
            wire.set("description", field.hasNonNull("description") ? field.get("description") : NODES.nullNode());
        }
        return fields;
    }

    private static JsonNode object(String stored) {
        JsonNode node = parse(stored);
        return node.isObject() ? node : NODES.objectNode();
    }

    private static JsonNode parse(String stored) {
        try {
            return JSON.readTree(stored);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException("stored JSON is unreadable", exception);
        }
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
