package lineage.server.testing;

import java.time.Instant;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;

/** Job↔dataset edge changes for tests that build a {@code LineageGraph} in memory. */
public final class TestEdges {
    private TestEdges() {}

    /** The job reads the dataset, as an OpenLineage event reported it at {@code seen}. */
    public static EdgeChange read(NodeId job, NodeId dataset, Instant seen) {
        return read(job, dataset, seen, "openlineage");
    }

    public static EdgeChange read(NodeId job, NodeId dataset, Instant seen, String source) {
        return new EdgeChange(job, dataset, EdgeChange.Direction.INPUT, true, seen, source);
    }

    /** The job writes the dataset, as an OpenLineage event reported it at {@code seen}. */
    public static EdgeChange write(NodeId job, NodeId dataset, Instant seen) {
        return write(job, dataset, seen, "openlineage");
    }

    public static EdgeChange write(NodeId job, NodeId dataset, Instant seen, String source) {
        return new EdgeChange(job, dataset, EdgeChange.Direction.OUTPUT, true, seen, source);
    }

    /** The same edge, no longer current. */
    public static EdgeChange retired(EdgeChange change) {
        return new EdgeChange(
                change.job(), change.dataset(), change.direction(), false, change.seen(), change.source());
    }
}
