package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import lineage.server.model.NodeId;

/**
 * Everything downstream of a dataset (or of one of its columns), nearest first; {@code truncated} when the node limit
 * cut the answer.
 */
public record Impact(NodeId start, Optional<String> column, boolean truncated, List<ImpactedNode> impacted) {
    public Impact {
        requireNonNull(start, "start is null");
        requireNonNull(column, "column is null");
        impacted = List.copyOf(impacted);
    }
}
