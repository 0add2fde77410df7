package lineage.server.graph;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The current job↔dataset graph, in memory: dataset → job for a read, job → dataset for a write.
 *
 * <p>Concurrency: one read-write lock. A traversal holds the read lock for its whole walk, so it sees one consistent
 * graph; ingestion takes the write lock only to apply the edge changes of a committed event (microseconds), so reads
 * never wait on the database.
 */
@Singleton
public class LineageGraph {
    private final Graph<NodeId, SeenEdge> graph = new DefaultDirectedGraph<>(null, SeenEdge::new, false);
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    /** The edge a walk first reached a node by: where it came from and when it was last seen. */
    public record EdgeSeen(String source, Instant lastSeen) {}

    /** Which way to walk from the start node. */
    public enum Direction {
        UPSTREAM,
        DOWNSTREAM,
        /** Everything upstream plus everything downstream (the directed closure, not an undirected walk). */
        BOTH
    }

    /** The nodes reached, the edges among them, and whether the node limit cut the walk. */
    public record Subgraph(Set<NodeId> nodes, List<Edge> edges, boolean truncated) {}

    /** A directed edge between two nodes of a {@link Subgraph}. */
    public record Edge(NodeId origin, NodeId destination) {}

    public void apply(Collection<EdgeChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        lock.writeLock().lock();
        try {
            for (EdgeChange change : changes) {
                NodeId origin = change.direction() == EdgeChange.Direction.INPUT ? change.dataset() : change.job();
                NodeId destination = change.direction() == EdgeChange.Direction.INPUT ? change.job() : change.dataset();
                if (change.current()) {
                    graph.addVertex(origin);
                    graph.addVertex(destination);
                    SeenEdge edge = graph.getEdge(origin, destination);
                    if (edge == null) {
                        edge = graph.addEdge(origin, destination);
                    }
                    edge.lastSeen = Math.max(edge.lastSeen, SeenEdge.millis(change.seen()));
                    edge.source = change.source();
                } else if (graph.containsVertex(origin) && graph.containsVertex(destination)) {
                    graph.removeEdge(origin, destination);
                }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Makes the job's edges exactly {@code edges} (all of them current): edges of the job that are not in the list are
     * removed. Used to follow writes made by another server on the same database.
     */
    public void replaceJobEdges(NodeId job, Collection<EdgeChange> edges) {
        lock.writeLock().lock();
        try {
            if (graph.containsVertex(job)) {
                java.util.Set<SeenEdge> keep = new java.util.HashSet<>();
                for (EdgeChange edge : edges) {
                    NodeId origin = edge.direction() == EdgeChange.Direction.INPUT ? edge.dataset() : job;
                    NodeId destination = edge.direction() == EdgeChange.Direction.INPUT ? job : edge.dataset();
                    SeenEdge existing = graph.getEdge(origin, destination);
                    if (existing != null) {
                        keep.add(existing);
                    }
                }
                List<SeenEdge> stale = new ArrayList<>(graph.edgesOf(job));
                stale.removeAll(keep);
                graph.removeAllEdges(stale);
            }
            for (EdgeChange edge : edges) {
                NodeId origin = edge.direction() == EdgeChange.Direction.INPUT ? edge.dataset() : job;
                NodeId destination = edge.direction() == EdgeChange.Direction.INPUT ? job : edge.dataset();
                graph.addVertex(origin);
                graph.addVertex(destination);
                SeenEdge added = graph.getEdge(origin, destination);
                if (added == null) {
                    added = graph.addEdge(origin, destination);
                }
                added.lastSeen = SeenEdge.millis(edge.seen());
                added.source = edge.source();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The nodes for which the test holds. */
    public List<NodeId> nodes(java.util.function.Predicate<NodeId> test) {
        lock.readLock().lock();
        try {
            return graph.vertexSet().stream().filter(test).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Adds a node with no edges (a dataset or job that exists but has no current lineage). */
    public void addNode(NodeId node) {
        lock.writeLock().lock();
        try {
            graph.addVertex(node);
        } finally {
            lock.writeLock().unlock();
        }
    }

    public void clear() {
        lock.writeLock().lock();
        try {
            graph.removeAllVertices(new ArrayList<>(graph.vertexSet()));
        } finally {
            lock.writeLock().unlock();
        }
    }

    public boolean contains(NodeId node) {
        lock.readLock().lock();
        try {
            return graph.containsVertex(node);
        } finally {
            lock.readLock().unlock();
        }
    }

    public int nodeCount() {
        lock.readLock().lock();
        try {
            return graph.vertexSet().size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public int edgeCount() {
        lock.readLock().lock();
        try {
            return graph.edgeSet().size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The nodes within {@code depth} job hops of {@code start} in the direction, with the datasets those jobs read or
     * write, at most {@code maxNodes} of them. An unknown start gives a one-node graph.
     */
    public Subgraph walk(NodeId start, Direction direction, int depth, int maxNodes) {
        return walk(start, direction, depth, maxNodes, Instant.MIN);
    }

    /** As {@link #walk(NodeId, Direction, int, int)}, over the edges seen at or after {@code seenSince} only. */
    public Subgraph walk(NodeId start, Direction direction, int depth, int maxNodes, Instant seenSince) {
        lock.readLock().lock();
        try {
            return GraphWalks.walk(graph, start, direction, depth, maxNodes, seenSince);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * What a breadth-first walk in one direction reached: each node's distance in job hops and the node it was first
     * reached from (so that {@link #path} is a shortest path).
     */
    public record Reach(
            NodeId start,
            Map<NodeId, Integer> hops,
            Map<NodeId, NodeId> parents,
            Map<NodeId, EdgeSeen> reachedBy,
            boolean truncated) {
        public Reach {
            // Copies into hash maps, not Map.copyOf: path() looks parents up ~20 times per node of answers of 10,000
            // nodes, and the immutable maps' linear probing made that the hot spot of an impact query.
            hops = Collections.unmodifiableMap(new HashMap<>(hops));
            parents = Collections.unmodifiableMap(new HashMap<>(parents));
            reachedBy = Collections.unmodifiableMap(new HashMap<>(reachedBy));
        }

        /** The nodes from the start to {@code node}, both included. */
        public List<NodeId> path(NodeId node) {
            List<NodeId> path = new ArrayList<>();
            for (NodeId step = node; step != null; step = parents.get(step)) {
                path.add(0, step);
            }
            return path;
        }
    }

    /**
     * The nodes within {@code depth} job hops of {@code start} in one direction ({@link Direction#UPSTREAM} or {@link
     * Direction#DOWNSTREAM}), at most {@code maxNodes} besides the start.
     */
    public Reach reach(NodeId start, Direction direction, int depth, int maxNodes) {
        return reach(start, direction, depth, maxNodes, Instant.MIN);
    }

    /** As {@link #reach(NodeId, Direction, int, int)}, over the edges seen at or after {@code seenSince} only. */
    public Reach reach(NodeId start, Direction direction, int depth, int maxNodes, Instant seenSince) {
        if (direction == Direction.BOTH) {
            throw new IllegalArgumentException("reach walks one direction");
        }
        lock.readLock().lock();
        try {
            return GraphWalks.reach(graph, start, direction == Direction.UPSTREAM, depth, maxNodes, seenSince);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A dataset and how many jobs read it. */
    public record Readers(NodeId dataset, int jobs) {}

    /** The {@code limit} datasets that the most jobs read, most first, then in node order; unread ones are left out. */
    public List<Readers> mostRead(int limit) {
        lock.readLock().lock();
        try {
            return GraphReaders.mostRead(graph, limit);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sees a job with the datasets it reads and writes. */
    @FunctionalInterface
    public interface JobVisitor {
        void visit(NodeId job, List<NodeId> inputs, List<NodeId> outputs);
    }

    /** Visits every job of the graph, under the read lock (keep the visitor quick), in node order. */
    public void forEachJob(JobVisitor visitor) {
        lock.readLock().lock();
        try {
            List<NodeId> jobs = new ArrayList<>();
            for (NodeId node : graph.vertexSet()) {
                if (node.type() == NodeId.Type.JOB) {
                    jobs.add(node);
                }
            }
            jobs.sort(null);
            for (NodeId job : jobs) {
                List<NodeId> inputs = new ArrayList<>();
                graph.incomingEdgesOf(job).forEach(edge -> inputs.add(graph.getEdgeSource(edge)));
                List<NodeId> outputs = new ArrayList<>();
                graph.outgoingEdgesOf(job).forEach(edge -> outputs.add(graph.getEdgeTarget(edge)));
                inputs.sort(null);
                outputs.sort(null);
                visitor.visit(job, inputs, outputs);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The datasets a job reads (or the jobs that write a dataset): its direct predecessors, sorted. */
    public List<NodeId> predecessors(NodeId node) {
        lock.readLock().lock();
        try {
            if (!graph.containsVertex(node)) {
                return List.of();
            }
            List<NodeId> predecessors = new ArrayList<>();
            for (SeenEdge edge : graph.incomingEdgesOf(node)) {
                predecessors.add(graph.getEdgeSource(edge));
            }
            predecessors.sort(null);
            return predecessors;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The datasets a job writes (or the jobs that read a dataset): its direct successors, sorted. */
    public List<NodeId> successors(NodeId node) {
        lock.readLock().lock();
        try {
            if (!graph.containsVertex(node)) {
                return List.of();
            }
            List<NodeId> successors = new ArrayList<>();
            for (SeenEdge edge : graph.outgoingEdgesOf(node)) {
                successors.add(graph.getEdgeTarget(edge));
            }
            successors.sort(null);
            return successors;
        } finally {
            lock.readLock().unlock();
        }
    }
}
