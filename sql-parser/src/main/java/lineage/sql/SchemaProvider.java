package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tells the parser the columns of tables it knows, so that {@code SELECT *}, unqualified columns across joins and
 * INSERTs without a column list resolve. Implementations must be thread-safe when the parser is shared.
 */
@FunctionalInterface
public interface SchemaProvider {
    /** The table's column names in order, lower-case; empty when the table is unknown. */
    Optional<List<String>> columnsOf(TableRef table);

    /** Knows no table. Always the same instance, so a caller can tell parses without schema knowledge apart. */
    static SchemaProvider none() {
        return NoSchemas.INSTANCE;
    }

    /** Knows the tables of the map, keyed by qualified name ({@code catalog.schema.table}, lower-case). */
    static SchemaProvider of(Map<String, List<String>> columnsByTable) {
        requireNonNull(columnsByTable, "columnsByTable is null");
        Map<String, List<String>> copy = Map.copyOf(columnsByTable);
        return table -> Optional.ofNullable(copy.get(table.qualifiedName()));
    }
}
