package lineage.sql.analysis;

import java.util.List;
import java.util.Optional;
import lineage.sql.Diagnostic;
import lineage.sql.SchemaProvider;
import lineage.sql.TableRef;

/**
 * The context of one statement's analysis: the defaults in force, what is known of schemas, where the answer goes, and
 * whether column lineage is wanted (only statements that write a table have any).
 */
final class Analysis {
    private final Optional<String> catalog;
    private final Optional<String> schema;
    private final SchemaProvider schemas;
    private final LineageCollector collector;
    private final StatementText statement;
    private final long deadlineNanos;
    private boolean columnLineageWanted;
    private List<MatchRecognize> matchRecognizes = List.of();

    Analysis(
            Optional<String> catalog,
            Optional<String> schema,
            SchemaProvider schemas,
            LineageCollector collector,
            StatementText statement,
            long deadlineNanos) {
        this.catalog = catalog;
        this.schema = schema;
        this.schemas = schemas;
        this.collector = collector;
        this.statement = statement;
        this.deadlineNanos = deadlineNanos;
    }

    /** The same context in another default catalog (a pass-through query runs inside its catalog). */
    Analysis inCatalog(String otherCatalog) {
        Analysis nested = new Analysis(Optional.of(otherCatalog), schema, schemas, collector, statement, deadlineNanos);
        nested.columnLineageWanted = columnLineageWanted;
        return nested;
    }

    /** Qualifies a name with the defaults; a name that needs a missing default stays as written, with a warning. */
    TableRef table(List<String> parts) {
        int size = parts.size();
        if (size > 3) {
            throw new InvalidSqlException("too many dots in table name " + String.join(".", parts));
        }
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new InvalidSqlException("zero-length name part in " + String.join(".", parts));
        }
        String name = parts.get(size - 1);
        if (size == 3) {
            return TableRef.of(parts.get(size - 3), parts.get(size - 2), name);
        }
        Optional<String> tableSchema = size == 2 ? Optional.of(parts.get(0)) : schema;
        if (tableSchema.isPresent() && catalog.isPresent()) {
            return TableRef.of(catalog.get(), tableSchema.get(), name);
        }
        warn(
                Diagnostic.Code.MISSING_DEFAULT,
                "'" + String.join(".", parts) + "' needs a default " + (tableSchema.isEmpty() ? "schema" : "catalog")
                        + " to be fully qualified");
        return new TableRef(Optional.empty(), tableSchema, name);
    }

    Optional<List<String>> columnsOf(TableRef table) {
        return schemas.columnsOf(table);
    }

    void matchRecognizes(List<MatchRecognize> clauses) {
        matchRecognizes = List.copyOf(clauses);
    }

    /** The MATCH_RECOGNIZE clause whose result goes by this name, if the statement has one. */
    Optional<MatchRecognize> matchRecognize(String relation) {
        return matchRecognizes.stream()
                .filter(clause -> clause.relation().equals(relation))
                .findFirst();
    }

    LineageCollector collector() {
        return collector;
    }

    Optional<String> catalog() {
        return catalog;
    }

    long deadline() {
        return deadlineNanos;
    }

    /** Refuses the statement when the call's time budget has run out. */
    void checkDeadline() {
        if (System.nanoTime() > deadlineNanos) {
            throw new BudgetExceededException();
        }
    }

    boolean columnLineageWanted() {
        return columnLineageWanted;
    }

    void wantColumnLineage() {
        columnLineageWanted = true;
    }

    void warn(Diagnostic.Code code, String message) {
        collector.diagnostic(Diagnostic.of(code, message, statement.line(), statement.column()));
    }

    /** Warns only when column lineage is wanted: an unresolved column of a plain SELECT loses nothing. */
    void warnColumns(Diagnostic.Code code, String message) {
        if (columnLineageWanted) {
            warn(code, message);
        }
    }
}
