package lineage.server.history;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import lineage.server.config.EdgeConfig;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeChange;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.EdgeReader;

/**
 * The graph a lineage or impact query walks: the in-memory graph of current edges, or, for a query about the past, the
 * neighbourhood of the start node as it was then, loaded from the store (which keeps when each edge was first seen and
 * when it stopped being current).
 */
@Singleton
public class GraphHistory {
    private final LineageGraph current;
    private final EdgeReader reader;
    private final EdgeConfig config;
    private final Clock clock;

    public GraphHistory(LineageGraph current, EdgeReader reader, EdgeConfig config) {
        this(current, reader, config, Clock.systemUTC());
    }

    GraphHistory(LineageGraph current, EdgeReader reader, EdgeConfig config, Clock clock) {
        this.current = current;
        this.reader = reader;
        this.config = config;
        this.clock = clock;
    }

    /** The window of a query: current at {@code asOf} (now when empty), stale edges by the configured age. */
    public EdgeWindow window(Optional<Instant> asOf, boolean includeStale) {
        Instant reference = asOf.orElseGet(clock::instant);
        return new EdgeWindow(asOf, config.staleAfter().map(reference::minus), includeStale);
    }

    /**
     * A graph that holds, for a walk from {@code start} in {@code direction} of up to {@code depth} job hops and
     * {@code maxNodes} nodes, every edge of the window that the walk can meet. Walk it with {@link
     * EdgeWindow#seenSince()} to leave stale edges out.
     */
    public LineageGraph graphAt(
            EdgeWindow window, NodeId start, LineageGraph.Direction direction, int depth, int maxNodes) {
        if (!window.historical()) {
            return current;
        }
        LineageGraph past = new LineageGraph();
        past.addNode(start);
        if (direction != LineageGraph.Direction.DOWNSTREAM) {
            load(past, window, start, true, depth, maxNodes);
        }
        if (direction != LineageGraph.Direction.UPSTREAM) {
            load(past, window, start, false, depth, maxNodes);
        }
        return past;
    }

    /**
     * Loads level by level (dataset, job, dataset, ...): every edge touching the frontier, so that the edges among the
     * nodes a walk reaches are all there, while the frontier only moves in the walk's direction.
     */
    private void load(LineageGraph past, EdgeWindow window, NodeId start, boolean upstream, int depth, int maxNodes) {
        Set<NodeId> reached = new HashSet<>(Set.of(start));
        List<NodeId> frontier = List.of(start);
        for (int level = 0; level <= 2 * depth + 1 && !frontier.isEmpty() && reached.size() <= maxNodes; level++) {
            List<EdgeChange> edges = reader.edgesAt(frontier, window);
            past.apply(edges);
            Set<NodeId> inFrontier = new HashSet<>(frontier);
            List<NodeId> next = new ArrayList<>();
            for (EdgeChange edge : edges) {
                NodeId from = edge.direction() == EdgeChange.Direction.INPUT ? edge.dataset() : edge.job();
                NodeId to = edge.direction() == EdgeChange.Direction.INPUT ? edge.job() : edge.dataset();
                NodeId origin = upstream ? to : from;
                NodeId onward = upstream ? from : to;
                if (inFrontier.contains(origin) && reached.add(onward)) {
                    next.add(onward);
                }
            }
            next.sort(null);
            frontier = next;
        }
    }
}
