package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import lineage.server.graph.LineageGraph;

/**
 * What one schema change reaches downstream: the nodes of the walk from its table, and the columns that column lineage
 * derives from its column.
 */
record ChangeReach(SchemaChange change, LineageGraph.Reach reach, DerivedColumns derived) {
    ChangeReach {
        requireNonNull(change, "change is null");
        requireNonNull(reach, "reach is null");
        requireNonNull(derived, "derived is null");
    }

    /** The changed table's name. */
    String table() {
        return change.dataset().name();
    }
}
