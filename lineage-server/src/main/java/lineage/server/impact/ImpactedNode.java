package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.model.NodeId;

/**
 * A dataset, job or field downstream of a change: how far (in job hops, or column-lineage hops for fields), its
 * domain and owner, the edge it was reached by (its source and when it was last seen), and one shortest path from the
 * changed node as evidence.
 */
public record ImpactedNode(
        NodeId node,
        int distance,
        Domain domain,
        Optional<String> source,
        Optional<OffsetDateTime> lastSeen,
        List<NodeId> path) {
    public ImpactedNode {
        requireNonNull(node, "node is null");
        requireNonNull(domain, "domain is null");
        requireNonNull(source, "source is null");
        requireNonNull(lastSeen, "lastSeen is null");
        path = List.copyOf(path);
        if (distance < 1) {
            throw new IllegalArgumentException("an impacted node is at least one hop away: " + distance);
        }
    }
}
