package lineage.sql.analysis;

import java.util.List;
import java.util.Optional;

/**
 * What a query produces, as far as lineage goes: its output columns in order with their sources, the indirect sources
 * of all its rows, and the relations whose columns pass through an unexpanded {@code *}.
 */
record QueryShape(List<OutputColumn> columns, Sources indirect, List<Relation> opaqueStars) {
    record OutputColumn(String name, Sources sources) {}

    QueryShape {
        columns = List.copyOf(columns);
        opaqueStars = List.copyOf(opaqueStars);
    }

    /** Whether every output column is known by name and position. */
    boolean isComplete() {
        return opaqueStars.isEmpty();
    }

    Optional<OutputColumn> column(String name) {
        for (OutputColumn column : columns) {
            if (column.name().equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** The same shape with its columns renamed positionally (a derived table's or CTE's column aliases). */
    QueryShape renamed(List<String> names) {
        if (names.isEmpty()) {
            return this;
        }
        List<OutputColumn> renamed = new java.util.ArrayList<>(names.size());
        for (int index = 0; index < names.size(); index++) {
            Sources sources = index < columns.size() ? columns.get(index).sources() : Sources.empty();
            renamed.add(new OutputColumn(names.get(index), sources));
        }
        return new QueryShape(renamed, indirect, isComplete() ? List.of() : opaqueStars);
    }
}
