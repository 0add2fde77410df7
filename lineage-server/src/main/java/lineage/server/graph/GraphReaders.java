package lineage.server.graph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import lineage.server.graph.LineageGraph.Readers;
import lineage.server.model.NodeId;
import org.jgrapht.Graph;

/**
 * Which datasets the most jobs read, over {@link LineageGraph}'s JGraphT graph; the caller holds the graph's read lock.
 * A read is an edge from the dataset to the job, and the graph holds at most one per pair, so a dataset's out-degree is
 * its number of readers.
 */
final class GraphReaders {
    /** Most readers first, then in node order. */
    private static final Comparator<Readers> ORDER =
            Comparator.comparingInt(Readers::jobs).reversed().thenComparing(Readers::dataset);

    private GraphReaders() {}

    static List<Readers> mostRead(Graph<NodeId, SeenEdge> graph, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit is negative: " + limit);
        }
        // The kept ones, the last in ORDER at the head: one pass over the nodes, log(limit) per dataset kept.
        PriorityQueue<Readers> kept = new PriorityQueue<>(ORDER.reversed());
        for (NodeId node : graph.vertexSet()) {
            if (limit == 0 || node.type() != NodeId.Type.DATASET || graph.outDegreeOf(node) == 0) {
                continue;
            }
            Readers readers = new Readers(node, graph.outDegreeOf(node));
            if (kept.size() < limit) {
                kept.add(readers);
            } else if (ORDER.compare(readers, kept.peek()) < 0) {
                kept.poll();
                kept.add(readers);
            }
        }
        List<Readers> most = new ArrayList<>(kept);
        most.sort(ORDER);
        return most;
    }
}
