package lineage.server.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A job↔dataset edge that became (or stayed) current ({@code current}), with the last time it was seen, or that stopped
 * being current ({@code seen} is then when it stopped); {@code source} says where it came from ({@code openlineage},
 * {@code sql}, {@code trino}).
 */
public record EdgeChange(
        NodeId job, NodeId dataset, Direction direction, boolean current, Instant seen, String source) {
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
        requireNonNull(seen, "seen is null");
        requireNonNull(source, "source is null");
    }
}
