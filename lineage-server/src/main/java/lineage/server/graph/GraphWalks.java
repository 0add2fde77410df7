package lineage.server.graph;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lineage.server.graph.LineageGraph.Direction;
import lineage.server.graph.LineageGraph.Edge;
import lineage.server.graph.LineageGraph.EdgeSeen;
import lineage.server.graph.LineageGraph.Reach;
import lineage.server.graph.LineageGraph.Subgraph;
import lineage.server.model.NodeId;
import org.jgrapht.Graph;

/**
 * The breadth-first walks of {@link LineageGraph}, over its JGraphT graph; the caller holds the graph's read lock. A
 * job costs one hop; edges last seen before {@code seenSince} are not walked.
 */
final class GraphWalks {
    private GraphWalks() {}

    static Subgraph walk(
            Graph<NodeId, SeenEdge> graph,
            NodeId start,
            Direction direction,
            int depth,
            int maxNodes,
            Instant seenSince) {
        long since = SeenEdge.millis(seenSince);
        if (!graph.containsVertex(start)) {
            return new Subgraph(new TreeSet<>(Set.of(start)), List.of(), false);
        }
        Map<NodeId, Integer> reached = new HashMap<>();
        reached.put(start, 0);
        boolean truncated = false;
        if (direction != Direction.DOWNSTREAM) {
            truncated |= walk(graph, start, true, depth, maxNodes, since, reached);
        }
        if (direction != Direction.UPSTREAM) {
            truncated |= walk(graph, start, false, depth, maxNodes, since, reached);
        }
        TreeSet<NodeId> nodes = new TreeSet<>(reached.keySet());
        List<Edge> edges = new ArrayList<>();
        for (NodeId node : nodes) {
            for (SeenEdge edge : graph.outgoingEdgesOf(node)) {
                NodeId target = graph.getEdgeTarget(edge);
                if (edge.lastSeen >= since && reached.containsKey(target)) {
                    edges.add(new Edge(node, target));
                }
            }
        }
        return new Subgraph(nodes, edges, truncated);
    }

    static Reach reach(
            Graph<NodeId, SeenEdge> graph, NodeId start, boolean upstream, int depth, int maxNodes, Instant seenSince) {
        long since = SeenEdge.millis(seenSince);
        Map<NodeId, Integer> hops = new HashMap<>();
        Map<NodeId, NodeId> parents = new HashMap<>();
        Map<NodeId, EdgeSeen> reachedBy = new HashMap<>();
        hops.put(start, 0);
        if (!graph.containsVertex(start)) {
            return new Reach(start, hops, parents, reachedBy, false);
        }
        Deque<NodeId> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            NodeId node = queue.poll();
            int nodeHops = hops.get(node);
            Map<NodeId, SeenEdge> neighbours = new TreeMap<>();
            for (SeenEdge edge : upstream ? graph.incomingEdgesOf(node) : graph.outgoingEdgesOf(node)) {
                if (edge.lastSeen >= since) {
                    neighbours.put(upstream ? graph.getEdgeSource(edge) : graph.getEdgeTarget(edge), edge);
                }
            }
            for (Map.Entry<NodeId, SeenEdge> neighbour : neighbours.entrySet()) {
                NodeId next = neighbour.getKey();
                int nextHops = nodeHops + (next.type() == NodeId.Type.JOB ? 1 : 0);
                if (nextHops > depth || hops.containsKey(next)) {
                    continue;
                }
                if (hops.size() > maxNodes) {
                    return new Reach(start, hops, parents, reachedBy, true);
                }
                hops.put(next, nextHops);
                parents.put(next, node);
                SeenEdge edge = neighbour.getValue();
                reachedBy.put(next, new EdgeSeen(edge.source, Instant.ofEpochMilli(edge.lastSeen)));
                queue.add(next);
            }
        }
        return new Reach(start, hops, parents, reachedBy, false);
    }

    /** Breadth-first in one direction; a job costs one hop. Returns whether the node limit stopped it. */
    private static boolean walk(
            Graph<NodeId, SeenEdge> graph,
            NodeId start,
            boolean upstream,
            int depth,
            int maxNodes,
            long since,
            Map<NodeId, Integer> reached) {
        Map<NodeId, Integer> hops = new HashMap<>();
        hops.put(start, 0);
        Deque<NodeId> queue = new ArrayDeque<>();
        queue.add(start);
        while (!queue.isEmpty()) {
            NodeId node = queue.poll();
            int nodeHops = hops.get(node);
            Set<SeenEdge> edges = upstream ? graph.incomingEdgesOf(node) : graph.outgoingEdgesOf(node);
            for (SeenEdge edge : edges) {
                if (edge.lastSeen < since) {
                    continue;
                }
                NodeId next = upstream ? graph.getEdgeSource(edge) : graph.getEdgeTarget(edge);
                int nextHops = nodeHops + (next.type() == NodeId.Type.JOB ? 1 : 0);
                if (nextHops > depth || hops.containsKey(next)) {
                    continue;
                }
                if (!reached.containsKey(next) && reached.size() >= maxNodes) {
                    return true;
                }
                hops.put(next, nextHops);
                reached.putIfAbsent(next, nextHops);
                queue.add(next);
            }
        }
        return false;
    }
}
