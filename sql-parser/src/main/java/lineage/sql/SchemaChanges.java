package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import lineage.sql.analysis.SchemaChangeReader;

/**
 * The schema changes of a migration script, in order, and what could not be read as one.
 *
 * <p>{@link #parse} reads {@code ALTER TABLE t DROP COLUMN [IF EXISTS] c}, {@code ALTER TABLE t RENAME COLUMN [IF
 * EXISTS] c TO d}, {@code ALTER TABLE t ALTER COLUMN c SET DATA TYPE type} (and PostgreSQL's {@code ALTER [COLUMN] c
 * TYPE type}), {@code DROP TABLE t}, {@code DROP VIEW v} and {@code ALTER TABLE t RENAME TO u}, with {@code IF EXISTS}
 * where Trino and PostgreSQL allow it, keywords in any case. Statements are split at {@code ;} outside strings, quoted
 * names and comments. Every table must be named {@code catalog.schema.table}.
 *
 * <p>Each statement gives a change or one error {@link Diagnostic} whose message names the statement ({@code statement
 * 2: expected ALTER near 'UPDATE'}) and whose position is the token it is about: {@link Diagnostic.Code#UNSUPPORTED}
 * for a statement that is not one of the changes above (including a table not named in full), {@link
 * Diagnostic.Code#SYNTAX_ERROR} for one that is malformed. An unterminated string, quoted name or comment makes the
 * split unreliable: the answer is then that one {@code SYNTAX_ERROR} and no changes. A script without a statement
 * (empty, or only comments and {@code ;}) is one {@code SYNTAX_ERROR} at line 1, column 1, because a migration that
 * changes nothing is more likely the wrong file than the intent.
 *
 * <p>Immutable and thread-safe; {@link #parse} never throws for any text.
 */
public record SchemaChanges(List<SchemaChange> changes, List<Diagnostic> diagnostics) {
    public SchemaChanges {
        changes = List.copyOf(requireNonNull(changes, "changes is null"));
        diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
    }

    public static SchemaChanges parse(String script) {
        requireNonNull(script, "script is null");
        return SchemaChangeReader.read(script);
    }

    /** The first error: the script is not only supported changes. */
    public Optional<Diagnostic> error() {
        return diagnostics.stream().filter(Diagnostic::isError).findFirst();
    }
}
