package lineage.server.impact;

import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.domain.Domains;
import lineage.server.graph.LineageGraph;
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

    public ImpactAnalysis(ImpactGraphs graphs, ColumnEdges columns, Domains domains) {
        this.graphs = graphs;
        this.columns = columns;
        this.domains = domains;
    }

    /**
     * The jobs and datasets downstream of a dataset over the edges of the window, within {@code depth} job hops, at
     * most {@code maxNodes}.
     */
    public Impact datasetImpact(NodeId dataset, int depth, int maxNodes, EdgeWindow window) {
        LineageGraph graph = graphs.downstreamOf(dataset, depth, maxNodes, window);
        LineageGraph.Reach reach =
                graph.reach(dataset, LineageGraph.Direction.DOWNSTREAM, depth, maxNodes, window.seenSince());
        List<ImpactedNode> impacted = new ArrayList<>();
        reach.hops().forEach((node, hops) -> {
            if (node.equals(dataset)) {
                return;
            }
            NodeId parent = reach.parents().get(node);
            Optional<LineageGraph.EdgeSeen> edge =
                    Optional.ofNullable(reach.reachedBy().get(node));
            impacted.add(new ImpactedNode(
                    node,
                    Math.max(1, hops),
                    domainOf(graph, node, parent),
                    edge.map(LineageGraph.EdgeSeen::source),
                    edge.map(seen -> seen.lastSeen().atOffset(ZoneOffset.UTC)),
                    reach.path(node)));
        });
        impacted.sort(NEAREST_FIRST);
        return new Impact(dataset, Optional.empty(), reach.truncated(), impacted);
    }

    /**
     * The fields that a column reaches through column lineage, within {@code depth} hops and at most {@code maxNodes}
     * fields, with their datasets and the jobs that write them. {@code includeIndirect} also follows INDIRECT lineage
     * (a column used in a filter, join or grouping). Only column lineage of the window counts. Empty when the dataset
     * does not exist.
     */
    public Optional<Impact> columnImpact(
            NodeId dataset, String column, int depth, boolean includeIndirect, int maxNodes, EdgeWindow window) {
        Optional<ColumnLineageReader.Field> start = columns.findField(dataset.namespace(), dataset.name(), column);
        if (start.isEmpty()) {
            return Optional.empty();
        }
        Map<ColumnLineageReader.Field, Integer> distances = new LinkedHashMap<>();
        Map<ColumnLineageReader.Field, ColumnLineageReader.Edge> reachedBy = new HashMap<>();
        distances.put(start.get(), 0);
        List<ColumnLineageReader.Field> frontier = List.of(start.get());
        boolean truncated = false;
        for (int hop = 1; hop <= depth && !frontier.isEmpty() && !truncated; hop++) {
            List<ColumnLineageReader.Field> next = new ArrayList<>();
            for (ColumnLineageReader.Edge edge : columns.findDownstreamEdges(frontier, window)) {
                if (!includeIndirect && edge.transformation().equals("INDIRECT")) {
                    continue;
                }
                if (distances.containsKey(edge.output())) {
                    continue;
                }
                if (distances.size() > maxNodes) {
                    truncated = true;
                    break;
                }
                distances.put(edge.output(), hop);
                reachedBy.put(edge.output(), edge);
                next.add(edge.output());
            }
            frontier = next;
        }
        Map<NodeId, ImpactedNode> impacted = new HashMap<>();
        distances.forEach((field, distance) -> {
            if (distance == 0) {
                return;
            }
            ColumnLineageReader.Edge edge = reachedBy.get(field);
            List<NodeId> path = fieldPath(field, reachedBy);
            NodeId fieldNode = field.nodeId();
            NodeId datasetNode = NodeId.dataset(field.namespace(), field.dataset());
            Domain domain = domains.of(datasetNode);
            impacted.put(
                    fieldNode,
                    new ImpactedNode(
                            fieldNode,
                            distance,
                            domain,
                            Optional.of(edge.source()),
                            Optional.of(edge.lastSeen()),
                            path));
            if (!datasetNode.equals(dataset)) {
                nearest(
                        impacted,
                        new ImpactedNode(
                                datasetNode,
                                distance,
                                domain,
                                Optional.of(edge.source()),
                                Optional.of(edge.lastSeen()),
                                path));
            }
            edge.job()
                    .ifPresent(job -> nearest(
                            impacted,
                            new ImpactedNode(
                                    job,
                                    distance,
                                    domain,
                                    Optional.of(edge.source()),
                                    Optional.of(edge.lastSeen()),
                                    path.subList(0, path.indexOf(job) + 1))));
        });
        List<ImpactedNode> sorted = new ArrayList<>(impacted.values());
        sorted.sort(NEAREST_FIRST);
        return Optional.of(new Impact(dataset, Optional.of(column), truncated, sorted));
    }

    /** Keeps the nearer of two answers for the same node. */
    private static void nearest(Map<NodeId, ImpactedNode> impacted, ImpactedNode candidate) {
        impacted.merge(
                candidate.node(),
                candidate,
                (earlier, later) -> later.distance() < earlier.distance() ? later : earlier);
    }

    /** Start field, then each job (when known) and the field it writes, down to {@code field}. */
    private static List<NodeId> fieldPath(
            ColumnLineageReader.Field field, Map<ColumnLineageReader.Field, ColumnLineageReader.Edge> reachedBy) {
        List<NodeId> path = new ArrayList<>();
        ColumnLineageReader.Field step = field;
        while (true) {
            path.add(0, step.nodeId());
            ColumnLineageReader.Edge edge = reachedBy.get(step);
            if (edge == null) {
                return path;
            }
            edge.job().ifPresent(job -> path.add(0, job));
            step = edge.input();
        }
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
