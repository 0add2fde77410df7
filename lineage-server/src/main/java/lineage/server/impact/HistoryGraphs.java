package lineage.server.impact;

import jakarta.inject.Singleton;
import java.util.Optional;
import lineage.server.graph.LineageGraph;
import lineage.server.history.GraphHistory;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;

/** The graphs of the {@link GraphHistory}. */
@Singleton
public class HistoryGraphs implements ImpactGraphs {
    private final GraphHistory history;

    public HistoryGraphs(GraphHistory history) {
        this.history = history;
    }

    @Override
    public EdgeWindow currentWindow() {
        return history.window(Optional.empty(), false);
    }

    @Override
    public LineageGraph downstreamOf(NodeId start, int depth, int maxNodes, EdgeWindow window) {
        return history.graphAt(window, start, LineageGraph.Direction.DOWNSTREAM, depth, maxNodes);
    }
}
