package lineage.server.impact;

import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.domain.Domains;
import lineage.server.graph.LineageGraph;
import lineage.server.graph.SkippedNodes;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageReader;

/**
 * What depends on a dataset or a column: the datasets, jobs and fields downstream of it, each with its distance,
 * domain, owner, the edge that reaches it and a shortest path as evidence. Table-level impact walks the in-memory
 * graph; column-level impact follows column lineage at every depth, hop by hop.
 */
@Singleton
public class ImpactAnalysis {
    private static final Comparator<ImpactedNode> NEAREST_FIRST =
            Comparator.comparingInt(ImpactedNode::distance).thenComparing(ImpactedNode::node);

    private final ImpactGraphs graphs;
    private final ColumnEdges columns;
    private final Domains domains;
    private final SkippedNodes skipped;

    public ImpactAnalysis(ImpactGraphs graphs, ColumnEdges columns, Domains domains, SkippedNodes skipped) {
        this.graphs = graphs;
        this.columns = columns;
        this.domains = domains;
        this.skipped = skipped;
    }

    /**
     * The jobs and datasets downstream of a dataset over the edges of the window, within {@code depth} job hops, at
     * most {@code maxNodes}.
     */
    public Impact datasetImpact(NodeId dataset, int depth, int maxNodes, EdgeWindow window) {
        return datasetImpact(dataset, depth, maxNodes, window, Deadline.none());
    }

    /** The same, stopped with {@code WORK_TOO_LONG} when the deadline passes. */
    public Impact datasetImpact(NodeId dataset, int depth, int maxNodes, EdgeWindow window, Deadline deadline) {
        deadline.check();
        LineageGraph graph = graphs.downstreamOf(dataset, depth, maxNodes, window);
        deadline.check();
        LineageGraph.Reach reach =
                graph.reach(dataset, LineageGraph.Direction.DOWNSTREAM, depth, maxNodes, window.seenSince());
        deadline.check();
        List<ImpactedNode> impacted = new ArrayList<>();
        try (SkippedNodes.Answer answer = skipped.answer("impact")) {
            reach.hops().forEach((node, hops) -> {
                if (node.equals(dataset)) {
                    return;
                }
                try {
                    impacted.add(reached(graph, reach, node, hops));
                } catch (RuntimeException failure) {
                    answer.skip(node, failure);
                }
            });
        }
        impacted.sort(NEAREST_FIRST);
        return new Impact(dataset, Optional.empty(), reach.truncated(), impacted);
    }

    /** A node the walk reached, with its domain, the edge it was reached by and its path. */
    private ImpactedNode reached(LineageGraph graph, LineageGraph.Reach reach, NodeId node, int hops) {
        Optional<LineageGraph.EdgeSeen> edge =
                Optional.ofNullable(reach.reachedBy().get(node));
        return new ImpactedNode(
                node,
                Math.max(1, hops),
                domainOf(graph, node, reach.parents().get(node)),
                edge.map(LineageGraph.EdgeSeen::source),
                edge.map(seen -> seen.lastSeen().atOffset(ZoneOffset.UTC)),
                reach.path(node));
    }

    /**
     * The fields that a column reaches through column lineage, within {@code depth} hops and at most {@code maxNodes}
     * fields, with their datasets and the jobs that write them. {@code includeIndirect} also follows INDIRECT lineage
     * (a column used in a filter, join or grouping). Only column lineage of the window counts. Empty when the dataset
     * does not exist.
     */
    public Optional<Impact> columnImpact(
            NodeId dataset, String column, int depth, boolean includeIndirect, int maxNodes, EdgeWindow window) {
        return columnImpact(dataset, column, depth, includeIndirect, maxNodes, window, Deadline.none());
    }

    /** The same, stopped with {@code WORK_TOO_LONG} when the deadline passes. */
    public Optional<Impact> columnImpact(
            NodeId dataset,
            String column,
            int depth,
            boolean includeIndirect,
            int maxNodes,
            EdgeWindow window,
            Deadline deadline) {
        deadline.check();
        Optional<ColumnLineageReader.Field> start = columns.findField(dataset.namespace(), dataset.name(), column);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        ColumnWalk walk = ColumnWalk.from(start.get(), columns, depth, includeIndirect, maxNodes, window, deadline);
        deadline.check();
        Map<NodeId, ImpactedNode> impacted = new HashMap<>();
        try (SkippedNodes.Answer answer = skipped.answer("column-impact")) {
            walk.distances().forEach((field, distance) -> {
                if (distance > 0) {
                    try {
                        addReached(impacted, dataset, field, distance, walk);
                    } catch (RuntimeException failure) {
                        answer.skip(field.nodeId(), failure);
                    }
                }
            });
        }
        List<ImpactedNode> sorted = new ArrayList<>(impacted.values());
        sorted.sort(NEAREST_FIRST);
        return Optional.of(new Impact(dataset, Optional.of(column), walk.truncated(), sorted));
    }

    /**
     * Adds a field the walk reached, its dataset (unless it is the start's) and the job that writes it; a dataset or
     * job reached more than once keeps its nearest answer.
     */
    private void addReached(
            Map<NodeId, ImpactedNode> impacted,
            NodeId start,
            ColumnLineageReader.Field field,
            int distance,
            ColumnWalk walk) {
        ColumnLineageReader.Edge edge = walk.reachedBy(field);
        List<NodeId> path = walk.path(field);
        NodeId datasetNode = NodeId.dataset(field.namespace(), field.dataset());
        Domain domain = domains.of(datasetNode);
        impacted.put(field.nodeId(), reached(field.nodeId(), distance, domain, edge, path));
        if (!datasetNode.equals(start)) {
            nearest(impacted, reached(datasetNode, distance, domain, edge, path));
        }
        edge.job()
                .ifPresent(job -> nearest(
                        impacted, reached(job, distance, domain, edge, path.subList(0, path.indexOf(job) + 1))));
    }

    private static ImpactedNode reached(
            NodeId node, int distance, Domain domain, ColumnLineageReader.Edge edge, List<NodeId> path) {
        return new ImpactedNode(node, distance, domain, Optional.of(edge.source()), Optional.of(edge.lastSeen()), path);
    }

    /** Keeps the nearer of two answers for the same node. */
    private static void nearest(Map<NodeId, ImpactedNode> impacted, ImpactedNode candidate) {
        impacted.merge(
                candidate.node(),
                candidate,
                (earlier, later) -> later.distance() < earlier.distance() ? later : earlier);
    }

    /** A dataset's domain; a job's is the domain of what it writes (or else of what it reads). */
    private Domain domainOf(LineageGraph graph, NodeId node, NodeId parent) {
        if (node.type() == NodeId.Type.DATASET) {
            return domains.of(node);
        }
        return graph.successors(node).stream()
                .filter(successor -> successor.type() == NodeId.Type.DATASET)
                .findFirst()
                .map(domains::of)
                .orElseGet(() -> domains.of(parent));
    }
}
