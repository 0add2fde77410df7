package lineage.server.impact;

import java.time.Instant;
import java.util.Optional;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;

/**
 * The in-memory graph for every question about now, with a current window the test sets. Questions about the past are
 * the store's (ImpactApiIT), not this fake's.
 */
final class TestingImpactGraphs implements ImpactGraphs {
    private final LineageGraph graph;
    private EdgeWindow currentWindow = EdgeWindow.current();

    TestingImpactGraphs(LineageGraph graph) {
        this.graph = graph;
    }

    /** Edges last seen before {@code time} are stale from now on, as with {@code lineage.edges.stale-after}. */
    void staleBefore(Instant time) {
        currentWindow = new EdgeWindow(Optional.empty(), Optional.of(time), false);
    }

    @Override
    public EdgeWindow currentWindow() {
        return currentWindow;
    }

    @Override
    public LineageGraph downstreamOf(NodeId start, int depth, int maxNodes, EdgeWindow window) {
        if (window.historical()) {
            throw new IllegalArgumentException("the store answers questions about the past");
        }
        return graph;
    }
}
