package lineage.server.impact;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageReader.Edge;
import lineage.server.store.ColumnLineageReader.Field;

/**
 * A breadth-first walk down column lineage from one field: each field reached, in the order reached, with its
 * distance in hops and the edge that first reached it. The maps grow only inside {@link #from}, on the thread that
 * walks; the walk is not shared before it is done.
 */
final class ColumnWalk {
    private final Map<Field, Integer> distances = new LinkedHashMap<>();
    private final Map<Field, Edge> reachedBy = new HashMap<>();
    private boolean truncated;

    private ColumnWalk(Field start) {
        distances.put(start, 0);
    }

    /**
     * Walks within {@code depth} hops and at most about {@code maxNodes} fields; {@code includeIndirect} also follows
     * INDIRECT lineage. Only the column lineage of the window counts. Each hop (one read of the database) first checks
     * the deadline.
     */
    static ColumnWalk from(
            Field start,
            ColumnEdges columns,
            int depth,
            boolean includeIndirect,
            int maxNodes,
            EdgeWindow window,
            Deadline deadline) {
        ColumnWalk walk = new ColumnWalk(start);
        List<Field> frontier = List.of(start);
        for (int hop = 1; hop <= depth && !frontier.isEmpty() && !walk.truncated; hop++) {
            deadline.check();
            frontier = walk.step(hop, columns.findDownstreamEdges(frontier, window), includeIndirect, maxNodes);
        }
        return walk;
    }

    /** Takes the fields the edges reach for the first time; they are the next frontier. */
    private List<Field> step(int hop, List<Edge> edges, boolean includeIndirect, int maxNodes) {
        List<Field> next = new ArrayList<>();
        for (Edge edge : edges) {
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
        return next;
    }

    /** Every field reached, the start first at distance 0, then in the order reached. */
    Map<Field, Integer> distances() {
        return Collections.unmodifiableMap(distances);
    }

    /** The edge that first reached a field other than the start. */
    Edge reachedBy(Field field) {
        return reachedBy.get(field);
    }

    /** Whether the node limit cut the walk. */
    boolean truncated() {
        return truncated;
    }

    /** Start field, then each job (when known) and the field it writes, down to {@code field}. */
    List<NodeId> path(Field field) {
        List<NodeId> path = new ArrayList<>();
        Field step = field;
        while (true) {
            path.add(0, step.nodeId());
            Edge edge = reachedBy.get(step);
            if (edge == null) {
                return path;
            }
            edge.job().ifPresent(job -> path.add(0, job));
            step = edge.input();
        }
    }
}
