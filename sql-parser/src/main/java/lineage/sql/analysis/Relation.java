package lineage.sql.analysis;

import java.util.List;
import java.util.Optional;
import lineage.sql.ColumnRef;
import lineage.sql.TableRef;
import lineage.sql.Transformation.Subtype;

/** Something a query reads rows from: a table (or view) by name, or a derived relation with a known shape. */
sealed interface Relation {
    /** Whether {@code qualifier} (outermost part first) names this relation. */
    boolean matches(List<String> qualifier);

    /** Whether this relation has the column: yes, no or maybe (its columns are unknown). */
    Presence has(String column);

    /** The sources of the column, when it can be told. */
    Optional<Sources> column(String column);

    /** A readable name for diagnostics. */
    String describe();

    enum Presence {
        YES,
        NO,
        MAYBE
    }

    /** A base table or view. Its columns are known only when the schema provider knows them. */
    record Table(TableRef table, Optional<String> alias, Optional<List<String>> columns) implements Relation {
        @Override
        public boolean matches(List<String> qualifier) {
            if (alias.isPresent()) {
                return qualifier.size() == 1 && qualifier.get(0).equals(alias.get());
            }
            List<String> parts =
                    List.of(table.catalog().orElse(""), table.schema().orElse(""), table.name());
            int skip = parts.size() - qualifier.size();
            return skip >= 0 && parts.subList(skip, parts.size()).equals(qualifier);
        }

        @Override
        public Presence has(String column) {
            return columns.map(names -> names.contains(column) ? Presence.YES : Presence.NO)
                    .orElse(Presence.MAYBE);
        }

        @Override
        public Optional<Sources> column(String column) {
            Sources sources = Sources.empty();
            sources.addDirect(ColumnRef.of(table, column), Subtype.IDENTITY);
            return Optional.of(sources);
        }

        @Override
        public String describe() {
            return table.qualifiedName();
        }
    }

    /** A CTE, derived table, UNNEST, VALUES or table function, known by its shape. */
    record Derived(String alias, QueryShape shape) implements Relation {
        @Override
        public boolean matches(List<String> qualifier) {
            return qualifier.size() == 1 && qualifier.get(0).equals(alias);
        }

        @Override
        public Presence has(String column) {
            if (shape.column(column).isPresent()) {
                return Presence.YES;
            }
            return shape.isComplete() ? Presence.NO : Presence.MAYBE;
        }

        @Override
        public Optional<Sources> column(String column) {
            Optional<QueryShape.OutputColumn> output = shape.column(column);
            if (output.isPresent()) {
                return Optional.of(output.get().sources());
            }
            if (shape.opaqueStars().size() == 1) {
                return shape.opaqueStars().get(0).column(column);
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            return alias;
        }
    }
}
