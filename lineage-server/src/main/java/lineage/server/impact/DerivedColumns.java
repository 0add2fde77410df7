package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import lineage.server.model.NodeId;

/**
 * What a changed column reaches through column lineage: per dataset, its columns derived from the changed one
 * (sorted), and the column-lineage path to the nearest of them; per job on the way, the path to it.
 */
record DerivedColumns(Map<NodeId, List<String>> columns, Map<NodeId, List<NodeId>> paths) {
    /** Nothing derived: a table change, or a column column lineage does not know. */
    static final DerivedColumns NONE = new DerivedColumns(Map.of(), Map.of());

    DerivedColumns {
        requireNonNull(columns, "columns is null");
        requireNonNull(paths, "paths is null");
        columns = Map.copyOf(columns);
        paths = Map.copyOf(paths);
    }

    /** From the column-level impact of the changed column, nearest first. */
    static DerivedColumns of(Impact impact) {
        Map<NodeId, Set<String>> columns = new HashMap<>();
        Map<NodeId, List<NodeId>> paths = new HashMap<>();
        for (ImpactedNode impacted : impact.impacted()) {
            NodeId node = impacted.node();
            if (node.type() == NodeId.Type.DATASET_FIELD) {
                NodeId dataset = NodeId.dataset(node.namespace(), node.name());
                columns.computeIfAbsent(dataset, key -> new TreeSet<>())
                        .add(node.field().orElseThrow());
                paths.putIfAbsent(dataset, impacted.path());
            } else if (node.type() == NodeId.Type.JOB) {
                paths.putIfAbsent(node, impacted.path());
            }
        }
        Map<NodeId, List<String>> sorted = new HashMap<>();
        columns.forEach((dataset, names) -> sorted.put(dataset, List.copyOf(names)));
        return new DerivedColumns(sorted, paths);
    }

    /** The dataset's columns derived from the changed one, sorted; empty when none are. */
    List<String> columnsOf(NodeId dataset) {
        return columns.getOrDefault(dataset, List.of());
    }

    /** The column-lineage path from the changed column to a dataset or job it reaches. */
    Optional<List<NodeId>> findPath(NodeId node) {
        return Optional.ofNullable(paths.get(node));
    }

    /** Whether any of the datasets has a column derived from the changed one. */
    boolean reachesAny(Collection<NodeId> datasets) {
        return datasets.stream().anyMatch(columns::containsKey);
    }
}
