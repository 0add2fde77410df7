package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import lineage.server.model.NodeId;
import lineage.server.store.DatasetWriteRow;
import lineage.server.store.SchemaWriteRow;
import lineage.server.store.SourceWriteRow;

/**
 * A dataset as a write's projections leave it: facets merged in order, its first and last event, and the schemas it
 * was seen with, in order. A partial schema (Trino reports the columns a query used) adds to the fields known before
 * it; a full one replaces them. Each schema that differs from the one before becomes a dataset version; the last is the
 * dataset's current fields.
 */
final class DatasetFold {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marquez's source of the datasets whose events name none. */
    static final String DEFAULT_SOURCE = "default";

    private final ObjectNode facets = JsonNodeFactory.instance.objectNode();
    private final List<SchemaSeen> schemas = new ArrayList<>();
    private OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;

    private record SchemaSeen(ArrayNode fields, boolean partial, Optional<UUID> runId, OffsetDateTime time) {}

    /** A dataset version to write: its fields, by hash. */
    private record Version(String fields, Optional<UUID> runId, OffsetDateTime time) {}

    private DatasetFold() {}

    /** Each dataset the projections name, once, in node order. */
    static SortedMap<NodeId, DatasetFold> of(List<Projection> projections) {
        SortedMap<NodeId, DatasetFold> folds = new TreeMap<>();
        for (Projection projection : projections) {
            for (Projection.DatasetWrite dataset : projection.datasets()) {
                folds.computeIfAbsent(dataset.node(), node -> new DatasetFold()).add(projection.time(), dataset);
            }
        }
        return folds;
    }

    private void add(OffsetDateTime time, Projection.DatasetWrite dataset) {
        facets.setAll(dataset.facets());
        createdAt = createdAt == null ? time : Times.min(createdAt, time);
        updatedAt = updatedAt == null ? time : Times.max(updatedAt, time);
        dataset.fields()
                .ifPresent(
                        fields -> schemas.add(new SchemaSeen(fields, dataset.partialSchema(), dataset.runId(), time)));
    }

    /** The row to create or update; its fields are the last schema when every schema was full (none otherwise). */
    DatasetWriteRow row(NodeId node) {
        String fields = schemas.isEmpty() || hasPartialSchema()
                ? null
                : CanonicalJson.text(schemas.get(schemas.size() - 1).fields());
        return new DatasetWriteRow(
                node.namespace(), node.name(), CanonicalJson.text(facets), fields, createdAt, updatedAt);
    }

    /**
     * The data source the dataset's {@code dataSource} facet names, with its URI ({@code ''} when it gives none); for a
     * dataset created without one, Marquez's {@code default} source.
     */
    Optional<SourceWriteRow> source(boolean created) {
        JsonNode dataSource = facets.path("dataSource");
        JsonNode name = dataSource.path("name");
        if (name.isTextual() && !name.asText().isEmpty()) {
            JsonNode uri = dataSource.path("uri");
            return Optional.of(
                    new SourceWriteRow(name.asText(), uri.isTextual() ? uri.asText() : "", createdAt, updatedAt));
        }
        return created ? Optional.of(new SourceWriteRow(DEFAULT_SOURCE, "", createdAt, updatedAt)) : Optional.empty();
    }

    /** Whether the first schema is partial, so the stored fields are needed to know what it adds to. */
    boolean needsStoredFields() {
        return !schemas.isEmpty() && schemas.get(0).partial();
    }

    /**
     * The schemas to record for the dataset of id {@code datasetId}, whose stored fields are {@code storedFields} (a
     * JSON array; {@code []} when none were read). {@code storedAreLast}: the stored fields already are the last schema
     * (a lone full schema then records nothing).
     */
    List<SchemaWriteRow> schemaRows(long datasetId, String storedFields, boolean storedAreLast) {
        if (schemas.isEmpty() || (!hasPartialSchema() && storedAreLast && schemas.size() == 1)) {
            return List.of();
        }
        ArrayNode base = fields(storedFields);
        String baseHash = CanonicalJson.hash(base);
        ArrayNode current = base;
        Map<String, Version> versions = new LinkedHashMap<>();
        String currentHash = baseHash;
        for (SchemaSeen seen : schemas) {
            current = seen.partial() ? union(current, seen.fields()) : seen.fields();
            currentHash = CanonicalJson.hash(current);
            versions.putIfAbsent(currentHash, new Version(CanonicalJson.text(current), seen.runId(), seen.time()));
        }
        if (hasPartialSchema() && currentHash.equals(baseHash) && versions.size() == 1) {
            return List.of();
        }
        String last = currentHash;
        List<SchemaWriteRow> rows = new ArrayList<>();
        versions.forEach((hash, version) -> rows.add(new SchemaWriteRow(
                datasetId, hash, version.fields(), version.runId().orElse(null), version.time(), hash.equals(last))));
        return rows;
    }

    private boolean hasPartialSchema() {
        return schemas.stream().anyMatch(SchemaSeen::partial);
    }

    /** The fields with a partial schema added: known fields keep their place (and their type when it gives none). */
    static ArrayNode union(ArrayNode known, ArrayNode partial) {
        ArrayNode merged = known.deepCopy();
        Map<String, ObjectNode> byName = new HashMap<>();
        merged.forEach(field -> byName.put(field.path("name").asText(), (ObjectNode) field));
        for (JsonNode field : partial) {
            ObjectNode existing = byName.get(field.path("name").asText());
            if (existing == null) {
                ObjectNode added = ((ObjectNode) field).deepCopy();
                merged.add(added);
                byName.put(added.path("name").asText(), added);
                continue;
            }
            for (String attribute : List.of("type", "description")) {
                if (field.path(attribute).isTextual()) {
                    existing.put(attribute, field.path(attribute).asText());
                }
            }
        }
        return merged;
    }

    private static ArrayNode fields(String stored) {
        try {
            JsonNode fields = JSON.readTree(stored);
            return fields.isArray() ? (ArrayNode) fields : JsonNodeFactory.instance.arrayNode();
        } catch (JsonProcessingException unreadable) {
            return JsonNodeFactory.instance.arrayNode();
        }
    }
}
