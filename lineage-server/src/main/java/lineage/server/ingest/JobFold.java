package lineage.server.ingest;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import lineage.server.model.NodeId;
import lineage.server.store.JobWriteRow;

/** A job as a write's projections leave it: facets merged in order, the latest type, its first and last event, its latest run. */
final class JobFold {
    private final ObjectNode facets = JsonNodeFactory.instance.objectNode();
    private String type;
    private OffsetDateTime createdAt;
    private OffsetDateTime updatedAt;
    private UUID latestRun;

    private JobFold() {}

    /** Each job the projections name, once, in node order. */
    static List<JobWriteRow> rows(List<Projection> projections) {
        Map<NodeId, JobFold> folds = new TreeMap<>();
        for (Projection projection : projections) {
            if (projection.job().isPresent()) {
                Projection.JobWrite job = projection.job().get();
                folds.computeIfAbsent(job.node(), node -> new JobFold()).add(projection, job);
            }
        }
        List<JobWriteRow> rows = new ArrayList<>();
        folds.forEach((node, fold) -> rows.add(fold.row(node)));
        return rows;
    }

    private void add(Projection projection, Projection.JobWrite job) {
        facets.setAll(job.facets());
        type = job.type();
        createdAt = createdAt == null ? projection.time() : Times.min(createdAt, projection.time());
        updatedAt = updatedAt == null ? projection.time() : Times.max(updatedAt, projection.time());
        if (projection.run().isPresent()) {
            latestRun = projection.run().get().id();
        }
    }

    private JobWriteRow row(NodeId node) {
        return new JobWriteRow(
                node.namespace(), node.name(), type, CanonicalJson.text(facets), createdAt, updatedAt, latestRun);
    }
}
