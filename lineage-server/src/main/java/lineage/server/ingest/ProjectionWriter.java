package lineage.server.ingest;

import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;
import javax.sql.DataSource;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.DatasetStore;
import lineage.server.store.DatasetWriteRow;
import lineage.server.store.EdgeStore;
import lineage.server.store.EdgeWriteRow;
import lineage.server.store.JobStore;
import lineage.server.store.JobVersionWriteRow;
import lineage.server.store.NamespaceStore;
import lineage.server.store.Pipeline;
import lineage.server.store.RunStore;
import lineage.server.store.SchemaWriteRow;
import lineage.server.store.SourceStore;
import lineage.server.store.SourceWriteRow;

/**
 * Writes projections inside the caller's transaction, a whole list at once: the projections are first folded in
 * order into what they leave behind ({@link JobFold}, {@link DatasetFold}, {@link RunFolds}, {@link EdgeFold},
 * {@link ColumnLineageFolds}: each job, dataset, run, edge and column edge once, as the last event left it), and each
 * kind of row is then written with one statement. So a batch of a thousand events costs about ten statements, not ten
 * thousand; a single event goes the same way. The statements that need nothing from each other (runs, edges, job
 * versions, column lineage, once the jobs' and datasets' ids are known) travel together in one {@link Pipeline}.
 * Returns the edge changes for the in-memory graph.
 */
@Singleton
public class ProjectionWriter {
    private final NamespaceStore namespaceStore;
    private final JobStore jobStore;
    private final DatasetStore datasetStore;
    private final RunStore runStore;
    private final EdgeStore edgeStore;
    private final SourceStore sourceStore;
    private final DataSource dataSource;

    public ProjectionWriter(
            NamespaceStore namespaceStore,
            JobStore jobStore,
            DatasetStore datasetStore,
            RunStore runStore,
            EdgeStore edgeStore,
            SourceStore sourceStore,
            DataSource dataSource) {
        this.namespaceStore = namespaceStore;
        this.jobStore = jobStore;
        this.datasetStore = datasetStore;
        this.runStore = runStore;
        this.edgeStore = edgeStore;
        this.sourceStore = sourceStore;
        this.dataSource = dataSource;
    }

    public List<EdgeChange> write(List<Projection> projections) {
        if (projections.isEmpty()) {
            return List.of();
        }
        writeNamespaces(projections);
        Map<NodeId, Long> jobIds = jobStore.upsertJobs(JobFold.rows(projections));
        List<SourceWriteRow> sources = new ArrayList<>();
        Map<NodeId, Long> datasetIds = writeDatasets(DatasetFold.of(projections), sources);
        Pipeline trailing = new Pipeline(dataSource);
        runStore.upsertRuns(RunFolds.of(projections), jobIds, trailing);
        Supplier<List<EdgeChange>> changes = writeEdges(EdgeFold.of(projections), jobIds, datasetIds, trailing);
        Runnable currentVersions = runStore.updateJobVersions(jobVersions(projections, jobIds), trailing);
        edgeStore.upsertColumnLineage(ColumnLineageFolds.rows(projections, jobIds, datasetIds), trailing);
        trailing.run();
        currentVersions.run();
        List<EdgeChange> edgeChanges = changes.get();
        // Last, so that its row locks are held only until the commit that follows: every transaction that creates a
        // dataset moves its source's times, and one source ("default" for datasets without a dataSource facet) may be
        // named by every write of every server. Written first, it made concurrent writers take turns for their whole
        // transactions.
        sourceStore.upsertSources(sources);
        return edgeChanges;
    }

    private void writeNamespaces(List<Projection> projections) {
        OffsetDateTime earliest = projections.get(0).time();
        OffsetDateTime latest = earliest;
        LinkedHashSet<String> namespaces = new LinkedHashSet<>();
        for (Projection projection : projections) {
            earliest = Times.min(earliest, projection.time());
            latest = Times.max(latest, projection.time());
            namespaces.addAll(projection.namespaces());
        }
        // Before any row is locked: an identity merge of one of these namespaces finishes first, or waits for this.
        namespaceStore.lockForWriting(namespaces);
        namespaceStore.upsertNamespaces(namespaces, earliest, latest);
    }

    /**
     * Datasets that exist with these facets are only looked up (without locking a row); the others are created or
     * updated. Then the schemas: the stored fields are read (and locked) only for datasets whose first schema is
     * partial, since only a partial schema adds to them. Only a created dataset, or one whose facets change, can name a
     * source not yet recorded: their sources go to {@code sources}, written at the end of the transaction.
     */
    private Map<NodeId, Long> writeDatasets(SortedMap<NodeId, DatasetFold> folds, List<SourceWriteRow> sources) {
        List<NodeId> nodes = List.copyOf(folds.keySet());
        List<DatasetWriteRow> rows =
                nodes.stream().map(node -> folds.get(node).row(node)).toList();
        Map<Integer, DatasetStore.ExistingDataset> existing = datasetStore.findDatasets(rows);
        Map<NodeId, Long> ids = new HashMap<>();
        List<DatasetWriteRow> changed = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            DatasetStore.ExistingDataset found = existing.get(index);
            if (found != null && found.hasFacets()) {
                ids.put(nodes.get(index), found.id());
            } else {
                changed.add(rows.get(index));
                folds.get(nodes.get(index)).source(found == null).ifPresent(sources::add);
            }
        }
        ids.putAll(datasetStore.upsertDatasets(changed));
        List<Long> needStoredFields = nodes.stream()
                .filter(node -> folds.get(node).needsStoredFields())
                .map(ids::get)
                .toList();
        Map<Long, String> storedFields = datasetStore.lockFields(needStoredFields);
        List<SchemaWriteRow> schemas = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            DatasetStore.ExistingDataset found = existing.get(index);
            long id = ids.get(nodes.get(index));
            String stored = storedFields.get(id);
            schemas.addAll(folds.get(nodes.get(index))
                    .schemaRows(id, stored == null ? "[]" : stored, found != null && found.hasFields()));
        }
        datasetStore.writeSchemas(schemas);
        return ids;
    }

    /**
     * Adds the edges' statements to the pipeline; the changes for the graph (the written edges, then the stored ones
     * an authoritative set retired) come once it has run.
     */
    private Supplier<List<EdgeChange>> writeEdges(
            SortedMap<EdgeFold.JobDirection, EdgeFold> folds,
            Map<NodeId, Long> jobIds,
            Map<NodeId, Long> datasetIds,
            Pipeline pipeline) {
        List<EdgeWriteRow> rows = new ArrayList<>();
        List<EdgeStore.CurrentEdges> authoritative = new ArrayList<>();
        List<EdgeChange> changes = new ArrayList<>();
        Map<Long, NodeId> jobsById = new HashMap<>();
        folds.forEach((key, fold) -> {
            long jobId = jobIds.get(key.job());
            jobsById.put(jobId, key.job());
            rows.addAll(fold.rows(key, jobId, datasetIds));
            changes.addAll(fold.changes(key));
            fold.currentEdges(key, jobId, datasetIds).ifPresent(authoritative::add);
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
}
