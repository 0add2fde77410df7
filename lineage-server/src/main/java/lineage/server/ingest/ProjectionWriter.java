package lineage.server.ingest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageRow;
import lineage.server.store.DatasetWriteRow;
import lineage.server.store.EdgeStore;
import lineage.server.store.EdgeWriteRow;
import lineage.server.store.JobVersionWriteRow;
import lineage.server.store.JobWriteRow;
import lineage.server.store.LineageStore;
import lineage.server.store.Pipeline;
import lineage.server.store.RunRow;
import lineage.server.store.RunStore;
import lineage.server.store.SchemaWriteRow;

/**
 * Writes projections inside the caller's transaction, a whole list at once: the projections are first folded in
 * order into what they leave behind (each job, dataset, edge and column edge once, as the last event left it), and
 * each kind of row is then written with one statement. So a batch of a thousand events costs about ten statements,
 * not ten thousand; a single event goes the same way. The statements that need nothing from each other (runs, edges,
 * job versions, column lineage, once the jobs' and datasets' ids are known) travel together in one {@link Pipeline}.
 * Returns the edge changes for the in-memory graph.
 */
@Singleton
public class ProjectionWriter {
    private static final com.fasterxml.jackson.databind.ObjectMapper FIELDS =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final LineageStore store;
    private final RunStore runStore;
    private final EdgeStore edgeStore;
    private final DataSource dataSource;

    public ProjectionWriter(LineageStore store, RunStore runStore, EdgeStore edgeStore, DataSource dataSource) {
        this.store = store;
        this.runStore = runStore;
        this.edgeStore = edgeStore;
        this.dataSource = dataSource;
    }

    public List<EdgeChange> write(List<Projection> projections) {
        if (projections.isEmpty()) {
            return List.of();
        }
        OffsetDateTime earliest = projections.get(0).time();
        OffsetDateTime latest = earliest;
        LinkedHashSet<String> namespaces = new LinkedHashSet<>();
        for (Projection projection : projections) {
            earliest = min(earliest, projection.time());
            latest = max(latest, projection.time());
            namespaces.addAll(projection.namespaces());
        }
        store.upsertNamespaces(namespaces, earliest, latest);
        Map<NodeId, Long> jobIds = writeJobs(projections);
        Map<NodeId, Long> datasetIds = writeDatasets(projections);
        Pipeline trailing = new Pipeline(dataSource);
        runStore.upsertRuns(runs(projections, jobIds), trailing);
        Supplier<List<EdgeChange>> changes = writeEdges(projections, jobIds, datasetIds, trailing);
        Runnable currentVersions = runStore.updateJobVersions(jobVersions(projections, jobIds), trailing);
        edgeStore.upsertColumnLineage(columnLineage(projections, jobIds, datasetIds), trailing);
        trailing.run();
        currentVersions.run();
        return changes.get();
    }

    /** A job as the projections leave it: merged facets, the latest type. */
    private static final class JobFold {
        final ObjectNode facets = JsonNodeFactory.instance.objectNode();
        String type;
        OffsetDateTime createdAt;
        OffsetDateTime updatedAt;
        UUID latestRun;
    }

    private Map<NodeId, Long> writeJobs(List<Projection> projections) {
        Map<NodeId, JobFold> folds = new TreeMap<>();
        for (Projection projection : projections) {
            if (projection.job().isEmpty()) {
                continue;
            }
            Projection.JobWrite job = projection.job().get();
            JobFold fold = folds.computeIfAbsent(job.node(), node -> new JobFold());
            fold.facets.setAll(job.facets());
            fold.type = job.type();
            fold.createdAt = fold.createdAt == null ? projection.time() : min(fold.createdAt, projection.time());
            fold.updatedAt = fold.updatedAt == null ? projection.time() : max(fold.updatedAt, projection.time());
            if (projection.run().isPresent()) {
                fold.latestRun = projection.run().get().id();
            }
        }
        List<JobWriteRow> rows = new ArrayList<>();
        folds.forEach((node, fold) -> rows.add(new JobWriteRow(
                node.namespace(),
                node.name(),
                fold.type,
                CanonicalJson.text(fold.facets),
                fold.createdAt,
                fold.updatedAt,
                fold.latestRun)));
        return store.upsertJobs(rows);
    }

    /** A dataset as the projections leave it: merged facets, and the schemas it was seen with, in order. */
    private static final class DatasetFold {
        final ObjectNode facets = JsonNodeFactory.instance.objectNode();
        final List<SchemaSeen> schemas = new ArrayList<>();
        OffsetDateTime createdAt;
        OffsetDateTime updatedAt;

        boolean hasPartialSchema() {
            return schemas.stream().anyMatch(SchemaSeen::partial);
        }
    }

    private record SchemaSeen(ArrayNode fields, boolean partial, Optional<UUID> runId, OffsetDateTime time) {}

    /** A dataset version to write: its fields, by hash. */
    private record Version(String fields, Optional<UUID> runId, OffsetDateTime time) {}

    private Map<NodeId, Long> writeDatasets(List<Projection> projections) {
        Map<NodeId, DatasetFold> folds = new TreeMap<>();
        for (Projection projection : projections) {
            for (Projection.DatasetWrite dataset : projection.datasets()) {
                DatasetFold fold = folds.computeIfAbsent(dataset.node(), node -> new DatasetFold());
                fold.facets.setAll(dataset.facets());
                fold.createdAt = fold.createdAt == null ? projection.time() : min(fold.createdAt, projection.time());
                fold.updatedAt = fold.updatedAt == null ? projection.time() : max(fold.updatedAt, projection.time());
                dataset.fields()
                        .ifPresent(fields -> fold.schemas.add(
                                new SchemaSeen(fields, dataset.partialSchema(), dataset.runId(), projection.time())));
            }
        }
        List<NodeId> nodes = List.copyOf(folds.keySet());
        List<DatasetWriteRow> rows = new ArrayList<>();
        for (NodeId node : nodes) {
            DatasetFold fold = folds.get(node);
            // The last full schema, to tell whether the stored fields already are it.
            String fields = fold.schemas.isEmpty() || fold.hasPartialSchema()
                    ? null
                    : CanonicalJson.text(
                            fold.schemas.get(fold.schemas.size() - 1).fields());
            rows.add(new DatasetWriteRow(
                    node.namespace(),
                    node.name(),
                    CanonicalJson.text(fold.facets),
                    fields,
                    fold.createdAt,
                    fold.updatedAt));
        }
        Map<Integer, LineageStore.ExistingDataset> existing = store.findDatasets(rows);
        Map<NodeId, Long> ids = new HashMap<>();
        List<DatasetWriteRow> changed = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            LineageStore.ExistingDataset found = existing.get(index);
            if (found != null && found.hasFacets()) {
                ids.put(nodes.get(index), found.id());
            } else {
                changed.add(rows.get(index));
            }
        }
        ids.putAll(store.upsertDatasets(changed));
        List<Long> needStoredFields = new ArrayList<>();
        for (NodeId node : nodes) {
            DatasetFold fold = folds.get(node);
            if (!fold.schemas.isEmpty() && fold.schemas.get(0).partial()) {
                needStoredFields.add(ids.get(node));
            }
        }
        Map<Long, String> storedFields = store.lockFields(needStoredFields);
        List<SchemaWriteRow> schemas = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            DatasetFold fold = folds.get(nodes.get(index));
            if (fold.schemas.isEmpty()) {
                continue;
            }
            LineageStore.ExistingDataset found = existing.get(index);
            long id = ids.get(nodes.get(index));
            if (!fold.hasPartialSchema() && found != null && found.hasFields() && fold.schemas.size() == 1) {
                continue;
            }
            ArrayNode base = fields(storedFields.get(id));
            String baseHash = CanonicalJson.hash(base);
            ArrayNode current = base;
            Map<String, Version> versions = new LinkedHashMap<>();
            String currentHash = baseHash;
            for (SchemaSeen seen : fold.schemas) {
                current = seen.partial() ? union(current, seen.fields()) : seen.fields();
                currentHash = CanonicalJson.hash(current);
                versions.putIfAbsent(currentHash, new Version(CanonicalJson.text(current), seen.runId(), seen.time()));
            }
            if (fold.hasPartialSchema() && currentHash.equals(baseHash) && versions.size() == 1) {
                continue;
            }
            String last = currentHash;
            versions.forEach((hash, version) -> schemas.add(new SchemaWriteRow(
                    id, hash, version.fields(), version.runId().orElse(null), version.time(), hash.equals(last))));
        }
        store.writeSchemas(schemas);
        return ids;
    }

    /** The fields with a partial schema added: known fields keep their place (and their type when it gives none). */
    static ArrayNode union(ArrayNode known, ArrayNode partial) {
        ArrayNode merged = known.deepCopy();
        Map<String, ObjectNode> byName = new HashMap<>();
        merged.forEach(field -> byName.put(field.path("name").asText(), (ObjectNode) field));
        for (var field : partial) {
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
        if (stored == null) {
            return JsonNodeFactory.instance.arrayNode();
        }
        try {
            var fields = FIELDS.readTree(stored);
            return fields.isArray() ? (ArrayNode) fields : JsonNodeFactory.instance.arrayNode();
        } catch (com.fasterxml.jackson.core.JsonProcessingException unreadable) {
            return JsonNodeFactory.instance.arrayNode();
        }
    }

    private static List<RunRow> runs(List<Projection> projections, Map<NodeId, Long> jobIds) {
        List<RunRow> runs = new ArrayList<>();
        for (Projection projection : projections) {
            if (projection.run().isEmpty()) {
                continue;
            }
            Projection.RunWrite run = projection.run().get();
            runs.add(new RunRow(
                    run.id(),
                    jobIds.get(projection.job().orElseThrow().node()),
                    run.state(),
                    run.startedAt(),
                    run.endedAt(),
                    run.nominalStart(),
                    run.nominalEnd(),
                    run.parentRunId(),
                    run.errorMessage(),
                    run.facets(),
                    projection.time()));
        }
        return runs;
    }

    /** A job's edges of one direction as the projections leave them. */
    private static final class EdgeFold {
        final Map<NodeId, EdgeSeen> seen = new LinkedHashMap<>();
        /** The job's current edges after the last authoritative set (and what later sets added); null if none. */
        LinkedHashSet<NodeId> current;
        /** The time of the last authoritative set: when the edges it left out stopped being current. */
        OffsetDateTime currentSince;
    }

    private record EdgeSeen(String source, OffsetDateTime firstSeen, OffsetDateTime lastSeen) {}

    private record JobDirection(NodeId job, EdgeChange.Direction direction) implements Comparable<JobDirection> {
        @Override
        public int compareTo(JobDirection other) {
            int byJob = job.compareTo(other.job);
            return byJob != 0 ? byJob : direction.compareTo(other.direction);
        }
    }

    /**
     * Folds the edge sets in order, as if each were written alone: every set makes its edges current, and an
     * authoritative set then retires the job's other edges of that direction. Adds the edges' statements to the
     * pipeline; the changes for the graph come once it has run.
     */
    private Supplier<List<EdgeChange>> writeEdges(
            List<Projection> projections, Map<NodeId, Long> jobIds, Map<NodeId, Long> datasetIds, Pipeline pipeline) {
        Map<JobDirection, EdgeFold> folds = new TreeMap<>();
        for (Projection projection : projections) {
            for (Projection.EdgeSet set : projection.edges()) {
                NodeId job = projection.job().orElseThrow().node();
                EdgeFold fold = folds.computeIfAbsent(new JobDirection(job, set.direction()), key -> new EdgeFold());
                for (NodeId dataset : set.datasets()) {
                    fold.seen.merge(
                            dataset,
                            new EdgeSeen(set.source(), projection.time(), projection.time()),
                            (earlier, later) -> new EdgeSeen(
                                    later.source(),
                                    min(earlier.firstSeen(), later.firstSeen()),
                                    max(earlier.lastSeen(), later.lastSeen())));
                    if (fold.current != null) {
                        fold.current.add(dataset);
                    }
                }
                if (set.authoritative()) {
                    fold.current = new LinkedHashSet<>(set.datasets());
                    fold.currentSince = projection.time();
                }
            }
        }
        List<EdgeWriteRow> rows = new ArrayList<>();
        List<EdgeStore.CurrentEdges> authoritative = new ArrayList<>();
        List<EdgeChange> changes = new ArrayList<>();
        Map<Long, NodeId> jobsById = new HashMap<>();
        folds.forEach((key, fold) -> {
            long jobId = jobIds.get(key.job());
            jobsById.put(jobId, key.job());
            fold.seen.forEach((dataset, seen) -> {
                boolean current = fold.current == null || fold.current.contains(dataset);
                rows.add(new EdgeWriteRow(
                        jobId,
                        datasetIds.get(dataset),
                        key.direction().name(),
                        seen.source(),
                        seen.firstSeen(),
                        seen.lastSeen(),
                        current ? null : max(fold.currentSince, seen.lastSeen())));
                changes.add(new EdgeChange(
                        key.job(),
                        dataset,
                        key.direction(),
                        current,
                        seen.lastSeen().toInstant(),
                        seen.source()));
            });
            if (fold.current != null) {
                authoritative.add(new EdgeStore.CurrentEdges(
                        jobId,
                        key.direction().name(),
                        fold.current.stream().map(datasetIds::get).toList(),
                        fold.currentSince));
            }
        });
        edgeStore.upsertEdges(rows, pipeline);
        Supplier<List<EdgeStore.RetiredEdge>> retire = edgeStore.retireOtherEdges(authoritative, pipeline);
        return () -> {
            for (EdgeStore.RetiredEdge retired : retire.get()) {
                changes.add(new EdgeChange(
                        jobsById.get(retired.jobId()),
                        NodeId.dataset(retired.datasetNamespace(), retired.datasetName()),
                        EdgeChange.Direction.valueOf(retired.direction()),
                        false,
                        retired.retiredAt().toInstant(),
                        retired.source()));
            }
            return changes;
        };
    }

    private static List<JobVersionWriteRow> jobVersions(List<Projection> projections, Map<NodeId, Long> jobIds) {
        List<JobVersionWriteRow> versions = new ArrayList<>();
        for (Projection projection : projections) {
            projection
                    .jobVersion()
                    .ifPresent(version -> versions.add(new JobVersionWriteRow(
                            jobIds.get(projection.job().orElseThrow().node()),
                            version.hash(),
                            CanonicalJson.text(version.inputs()),
                            CanonicalJson.text(version.outputs()),
                            version.sql().orElse(null),
                            projection.time())));
        }
        return versions;
    }

    private record ColumnKey(
            long outputId, String outputField, long inputId, String inputField, String transformation, String subtype)
            implements Comparable<ColumnKey> {
        @Override
        public int compareTo(ColumnKey other) {
            int compared = Long.compare(outputId, other.outputId);
            compared = compared != 0 ? compared : outputField.compareTo(other.outputField);
            compared = compared != 0 ? compared : Long.compare(inputId, other.inputId);
            compared = compared != 0 ? compared : inputField.compareTo(other.inputField);
            compared = compared != 0 ? compared : transformation.compareTo(other.transformation);
            return compared != 0 ? compared : subtype.compareTo(other.subtype);
        }
    }

    /** Each column edge once: first and last seen, and the latest description and job. */
    private static List<ColumnLineageRow> columnLineage(
            List<Projection> projections, Map<NodeId, Long> jobIds, Map<NodeId, Long> datasetIds) {
        Map<ColumnKey, ColumnLineageRow> rows = new TreeMap<>();
        for (Projection projection : projections) {
            Long jobId = projection.job().map(job -> jobIds.get(job.node())).orElse(null);
            for (Projection.ColumnEdge edge : projection.columnLineage()) {
                ColumnKey key = new ColumnKey(
                        datasetIds.get(edge.output()),
                        edge.outputField(),
                        datasetIds.get(edge.input()),
                        edge.inputField(),
                        edge.transformation(),
                        edge.subtype());
                ColumnLineageRow row = new ColumnLineageRow(
                        key.outputId(),
                        key.outputField(),
                        key.inputId(),
                        key.inputField(),
                        key.transformation(),
                        key.subtype(),
                        edge.description().orElse(null),
                        jobId,
                        edge.source(),
                        projection.time(),
                        projection.time());
                rows.merge(
                        key,
                        row,
                        (earlier, later) -> new ColumnLineageRow(
                                earlier.outputDatasetId(),
                                earlier.outputField(),
                                earlier.inputDatasetId(),
                                earlier.inputField(),
                                earlier.transformation(),
                                earlier.subtype(),
                                later.description() != null ? later.description() : earlier.description(),
                                later.jobId() != null ? later.jobId() : earlier.jobId(),
                                earlier.source(),
                                min(earlier.firstSeen(), later.firstSeen()),
                                max(earlier.lastSeen(), later.lastSeen())));
            }
        }
        return List.copyOf(rows.values());
    }

    private static OffsetDateTime min(OffsetDateTime first, OffsetDateTime second) {
        return second.isBefore(first) ? second : first;
    }

    private static OffsetDateTime max(OffsetDateTime first, OffsetDateTime second) {
        return second.isAfter(first) ? second : first;
    }
}
