package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A change to a table that DDL makes: drop, rename or retype a column, drop or rename the table ({@code DROP VIEW} is a
 * {@link Kind#DROP_TABLE}). {@code column} is present for column changes; {@code newName} for renames (the new column
 * name, or the new table's {@code catalog.schema.table}); {@code newType} for a type change, lower-case and spaced as
 * {@code decimal(14, 2)}.
 *
 * <p>Unlike lineage, which folds every name to lower case as Trino does, a schema change keeps the case of quoted names
 * ({@code "Method"} stays {@code Method}); unquoted ones are lower-cased. The table is always fully qualified.
 * Immutable and thread-safe.
 */
public record SchemaChange(
        Kind kind, TableRef table, Optional<String> column, Optional<String> newName, Optional<String> newType) {
    public enum Kind {
        DROP_COLUMN,
        RENAME_COLUMN,
        CHANGE_COLUMN_TYPE,
        DROP_TABLE,
        RENAME_TABLE;

        public boolean isColumnChange() {
            return this == DROP_COLUMN || this == RENAME_COLUMN || this == CHANGE_COLUMN_TYPE;
        }

        /**
         * Throws an {@link IllegalArgumentException} naming the part unless the parts are those this kind takes: a
         * column for column changes, a new name for renames, a new type for a type change, nothing else (a {@link
         * NullPointerException} for a null part). For every value that holds a change, here and in its users.
         */
        public void requireParts(Optional<String> column, Optional<String> newName, Optional<String> newType) {
            requireNonNull(column, "column is null");
            requireNonNull(newName, "newName is null");
            requireNonNull(newType, "newType is null");
            if (isColumnChange() != column.isPresent()) {
                throw new IllegalArgumentException(this + (isColumnChange() ? " needs a" : " takes no") + " column");
            }
            if ((this == RENAME_COLUMN || this == RENAME_TABLE) != newName.isPresent()) {
                throw new IllegalArgumentException(
                        this + (newName.isPresent() ? " takes no" : " needs a") + " new name");
            }
            if ((this == CHANGE_COLUMN_TYPE) != newType.isPresent()) {
                throw new IllegalArgumentException(
                        this + (newType.isPresent() ? " takes no" : " needs a") + " new type");
            }
        }
    }

    public SchemaChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(table, "table is null");
        kind.requireParts(column, newName, newType);
        if (!table.isFullyQualified()) {
            throw new IllegalArgumentException("table is not catalog.schema.table: " + table);
        }
    }
}
