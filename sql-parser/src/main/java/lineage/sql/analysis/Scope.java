package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The relations of one query level (its FROM clause), with the enclosing query's scope as parent so that correlated
 * references resolve.
 */
final class Scope {
    private final Optional<Scope> parent;
    private final List<Relation> relations = new ArrayList<>();

    private Scope(Optional<Scope> parent) {
        this.parent = parent;
    }

    static Scope root() {
        return new Scope(Optional.empty());
    }

    Scope child() {
        return new Scope(Optional.of(this));
    }

    Optional<Scope> parent() {
        return parent;
    }

    void add(Relation relation) {
        relations.add(relation);
    }

    List<Relation> relations() {
        return List.copyOf(relations);
    }

    Optional<Relation> relation(List<String> qualifier) {
        for (Scope scope = this; ; scope = scope.parent.get()) {
            for (Relation relation : scope.relations) {
                if (relation.matches(qualifier)) {
                    return Optional.of(relation);
                }
            }
            if (scope.parent.isEmpty()) {
                return Optional.empty();
            }
        }
    }

    /** How a column reference resolved. */
    sealed interface Resolution {
        record Found(Sources sources) implements Resolution {}

        record Unresolved(String reason) implements Resolution {}
    }

    /** Resolves {@code parts} (qualifier parts, then the column name) here or in an enclosing scope. */
    Resolution resolve(List<String> parts) {
        if (parts.size() > 1) {
            for (int split = parts.size() - 1; split >= 1; split--) {
                Optional<Relation> relation = relation(parts.subList(0, split));
                if (relation.isPresent()) {
                    return relation.get()
                            .column(parts.get(split))
                            .<Resolution>map(Resolution.Found::new)
                            .orElseGet(() -> new Resolution.Unresolved("column " + String.join(".", parts)
                                    + " is not known in " + relation.get().describe()));
                }
            }
            // Not a table qualifier: a field of a ROW column (r.field).
            return resolve(List.of(parts.get(0)));
        }
        String column = parts.get(0);
        for (Scope scope = this; ; scope = scope.parent.get()) {
            Optional<Resolution> resolution = scope.resolveHere(column);
            if (resolution.isPresent()) {
                return resolution.get();
            }
            if (scope.parent.isEmpty()) {
                return new Resolution.Unresolved("column " + column + " is not in any relation");
            }
        }
    }

    private Optional<Resolution> resolveHere(String column) {
        List<Relation> certain = new ArrayList<>();
        List<Relation> possible = new ArrayList<>();
        for (Relation relation : relations) {
            switch (relation.has(column)) {
                case YES -> certain.add(relation);
                case MAYBE -> possible.add(relation);
                case NO -> {}
            }
        }
        if (certain.size() == 1 || (certain.isEmpty() && possible.size() == 1)) {
            Relation relation = certain.isEmpty() ? possible.get(0) : certain.get(0);
            return relation.column(column)
                    .<Resolution>map(Resolution.Found::new)
                    .or(() -> Optional.of(
                            new Resolution.Unresolved("column " + column + " is not known in " + relation.describe())));
        }
        if (certain.size() > 1) {
            return Optional.of(new Resolution.Unresolved("column " + column + " is ambiguous"));
        }
        if (possible.size() > 1) {
            return Optional.of(new Resolution.Unresolved("column " + column + " could be in any of "
                    + possible.stream().map(Relation::describe).toList() + " (their schemas are unknown)"));
        }
        return Optional.empty();
    }
}
