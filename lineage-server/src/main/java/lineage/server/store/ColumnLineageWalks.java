package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lineage.server.model.EdgeWindow;
import lineage.server.store.ColumnLineageReader.Direction;
import lineage.server.store.ColumnLineageReader.Edge;
import lineage.server.store.ColumnLineageReader.Field;

/** Walks of column lineage, one query per hop ({@link ColumnLineageReader#edges}) from the fields reached so far. */
@Singleton
public class ColumnLineageWalks {
    private final ColumnLineageReader reader;

    public ColumnLineageWalks(ColumnLineageReader reader) {
        this.reader = reader;
    }

    /**
     * The fields up to {@code depth} hops upstream of {@code start} (and downstream too when {@code downstream}), at
     * most {@code maxNodes} of them, with the edges found between them. Upstream fields are only walked upstream and
     * downstream ones only downstream, as in Marquez.
     */
    @Transactional(readOnly = true)
    public ColumnLineageReader.Walk walk(
            Collection<Field> start, int depth, boolean downstream, int maxNodes, EdgeWindow window) {
        Visit visit = new Visit(maxNodes);
        List<Field> first = new ArrayList<>();
        start.stream().sorted(ColumnLineageReader.BY_ID).distinct().forEach(field -> visit.reach(field, first));
        hops(first, Direction.UPSTREAM, depth, window, visit);
        if (downstream) {
            hops(first, Direction.DOWNSTREAM, depth, window, visit);
        }
        List<Edge> edges =
                visit.edges.stream().sorted(ColumnLineageReader.EDGE_ORDER).toList();
        return new ColumnLineageReader.Walk(reader.typed(visit.nodes), edges, visit.truncated);
    }

    private void hops(List<Field> start, Direction direction, int depth, EdgeWindow window, Visit visit) {
        List<Field> frontier = start;
        for (int hop = 0; hop < depth && !frontier.isEmpty(); hop++) {
            List<Field> next = new ArrayList<>();
            for (Edge edge : reader.edges(frontier, direction, window)) {
                if (visit.reach(direction == Direction.UPSTREAM ? edge.input() : edge.output(), next)) {
                    visit.edges.add(edge);
                }
            }
            frontier = next;
        }
    }

    /** What a walk has reached so far; one per walk, on one thread. */
    private static final class Visit {
        private final int maxNodes;
        private final Set<Field> nodes = new HashSet<>();
        private final Set<Edge> edges = new HashSet<>();
        private boolean truncated;

        Visit(int maxNodes) {
            this.maxNodes = maxNodes;
        }

        /**
         * Whether the field is in the answer: it was already, or it is added now (and joins {@code next}, the
         * frontier of the coming hop). A field past {@code maxNodes} is left out and the walk marked truncated.
         */
        boolean reach(Field field, List<Field> next) {
            if (nodes.contains(field)) {
                return true;
            }
            if (nodes.size() >= maxNodes) {
                truncated = true;
                return false;
            }
            nodes.add(field);
            next.add(field);
            return true;
        }
    }
}
