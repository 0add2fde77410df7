package lineage.sql.analysis;

import java.util.Optional;

/**
 * The CTEs visible at a point of a query, innermost first. Immutable: defining a CTE makes a new chain, so a CTE's own
 * body (analysed before it is added) never sees it, and nothing outside its WITH does.
 */
record Ctes(Optional<Ctes> parent, String name, QueryShape shape) {
    private static final Ctes NONE =
            new Ctes(Optional.empty(), "", new QueryShape(java.util.List.of(), Sources.empty(), java.util.List.of()));

    static Ctes none() {
        return NONE;
    }

    Ctes with(String cteName, QueryShape cteShape) {
        return new Ctes(Optional.of(this), cteName, cteShape);
    }

    Optional<QueryShape> find(String cteName) {
        for (Ctes ctes = this; ctes.parent.isPresent(); ctes = ctes.parent.get()) {
            if (ctes.name.equals(cteName)) {
                return Optional.of(ctes.shape);
            }
        }
        return Optional.empty();
    }
}
