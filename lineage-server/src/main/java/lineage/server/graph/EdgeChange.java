package lineage.server.graph;

import static java.util.Objects.requireNonNull;

import lineage.server.model.NodeId;

/** A job↔dataset edge that became current ({@code current}) or stopped being current. */
public record EdgeChange(NodeId job, NodeId dataset, Direction direction, boolean current) {
    public enum Direction {
        /** The job reads the dataset: dataset → job. */
        INPUT,
        /** The job writes the dataset: job → dataset. */
        OUTPUT
    }

    public EdgeChange {
        requireNonNull(job, "job is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(direction, "direction is null");
    }
}
