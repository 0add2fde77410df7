package lineage.server.ingest;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageRow;

/** The column lineage a write's projections leave: each column edge once, first and last seen, the latest description and job. */
final class ColumnLineageFolds {
    private ColumnLineageFolds() {}

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

    /** The rows, in key order, with the jobs' and datasets' ids. */
    static List<ColumnLineageRow> rows(
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
                rows.merge(key, row, ColumnLineageFolds::merge);
            }
        }
        return List.copyOf(rows.values());
    }

    private static ColumnLineageRow merge(ColumnLineageRow earlier, ColumnLineageRow later) {
        return new ColumnLineageRow(
                earlier.outputDatasetId(),
                earlier.outputField(),
                earlier.inputDatasetId(),
                earlier.inputField(),
                earlier.transformation(),
                earlier.subtype(),
                later.description() != null ? later.description() : earlier.description(),
                later.jobId() != null ? later.jobId() : earlier.jobId(),
                earlier.source(),
                Times.min(earlier.firstSeen(), later.firstSeen()),
                Times.max(earlier.lastSeen(), later.lastSeen()));
    }
}
