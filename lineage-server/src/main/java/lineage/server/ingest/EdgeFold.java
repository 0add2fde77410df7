package lineage.server.ingest;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.EdgeStore;
import lineage.server.store.EdgeWriteRow;

/**
 * A job's edges of one direction as a write's projections leave them, folded in order as if each edge set were written
 * alone: every set makes its edges current, and an authoritative set then retires the job's other edges of that
 * direction (those stored, and those earlier sets of the write added).
 */
final class EdgeFold {
    private final Map<NodeId, EdgeSeen> seen = new LinkedHashMap<>();
    /** The job's current edges after the last authoritative set (and what later sets added); null if none. */
    private LinkedHashSet<NodeId> current;
    /** The time of the last authoritative set: when the edges it left out stopped being current. */
    private OffsetDateTime currentSince;

    private record EdgeSeen(String source, OffsetDateTime firstSeen, OffsetDateTime lastSeen) {}

    /** A job and a direction: the key of a fold. */
    record JobDirection(NodeId job, EdgeChange.Direction direction) implements Comparable<JobDirection> {
        @Override
        public int compareTo(JobDirection other) {
            int byJob = job.compareTo(other.job);
            return byJob != 0 ? byJob : direction.compareTo(other.direction);
        }
    }

    private EdgeFold() {}

    /** Each job and direction the projections' edge sets name, once, in order of job and direction. */
    static SortedMap<JobDirection, EdgeFold> of(List<Projection> projections) {
        SortedMap<JobDirection, EdgeFold> folds = new TreeMap<>();
        for (Projection projection : projections) {
            for (Projection.EdgeSet set : projection.edges()) {
                NodeId job = projection.job().orElseThrow().node();
                folds.computeIfAbsent(new JobDirection(job, set.direction()), key -> new EdgeFold())
                        .add(projection.time(), set);
            }
        }
        return folds;
    }

    private void add(OffsetDateTime time, Projection.EdgeSet set) {
        for (NodeId dataset : set.datasets()) {
            seen.merge(
                    dataset,
                    new EdgeSeen(set.source(), time, time),
                    (earlier, later) -> new EdgeSeen(
                            later.source(),
                            Times.min(earlier.firstSeen(), later.firstSeen()),
                            Times.max(earlier.lastSeen(), later.lastSeen())));
            if (current != null) {
                current.add(dataset);
            }
        }
        if (set.authoritative()) {
            current = new LinkedHashSet<>(set.datasets());
            currentSince = time;
        }
    }

    /** The edges to write, each once, with the datasets' ids. */
    List<EdgeWriteRow> rows(JobDirection key, long jobId, Map<NodeId, Long> datasetIds) {
        List<EdgeWriteRow> rows = new ArrayList<>();
        seen.forEach((dataset, edge) -> rows.add(new EdgeWriteRow(
                jobId,
                datasetIds.get(dataset),
                key.direction().name(),
                edge.source(),
                edge.firstSeen(),
                edge.lastSeen(),
                isCurrent(dataset) ? null : Times.max(currentSince, edge.lastSeen()))));
        return rows;
    }

    /** The changes the written edges make to the graph (the retirement of stored edges comes from the store). */
    List<EdgeChange> changes(JobDirection key) {
        List<EdgeChange> changes = new ArrayList<>();
        seen.forEach((dataset, edge) -> changes.add(new EdgeChange(
                key.job(),
                dataset,
                key.direction(),
                isCurrent(dataset),
                edge.lastSeen().toInstant(),
                edge.source())));
        return changes;
    }

    /** The job's current edges of the direction, when an authoritative set said what they are. */
    Optional<EdgeStore.CurrentEdges> currentEdges(JobDirection key, long jobId, Map<NodeId, Long> datasetIds) {
        if (current == null) {
            return Optional.empty();
        }
        return Optional.of(new EdgeStore.CurrentEdges(
                jobId,
                key.direction().name(),
                current.stream().map(datasetIds::get).toList(),
                currentSince));
    }

    private boolean isCurrent(NodeId dataset) {
        return current == null || current.contains(dataset);
    }
}
