package lineage.server.impact;

import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;

/**
 * The graphs impact questions walk; {@link HistoryGraphs} takes them from the graph history: the in-memory graph, or
 * for a question about the past, the neighbourhood of the start loaded from the store.
 */
public interface ImpactGraphs {
    /** The window of a question about now: the current edges, without the stale ones. */
    EdgeWindow currentWindow();

    /**
     * A graph that holds every edge of the window that a walk downstream of {@code start}, of up to {@code depth} job
     * hops and {@code maxNodes} nodes, can meet.
     */
    LineageGraph downstreamOf(NodeId start, int depth, int maxNodes, EdgeWindow window);
}
