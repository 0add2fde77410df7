package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import lineage.server.model.NodeId;

/**
 * A proposed change to a table: drop or rename a column, change its type, drop or rename the table. {@code column}
 * is set for column changes; {@code newName} for renames (of the column, or of the table); {@code newType} for a type
 * change.
 */
public record SchemaChange(
        Kind kind, NodeId dataset, Optional<String> column, Optional<String> newName, Optional<String> newType) {
    public enum Kind {
        DROP_COLUMN,
        RENAME_COLUMN,
        CHANGE_COLUMN_TYPE,
        DROP_TABLE,
        RENAME_TABLE;

        public boolean isColumnChange() {
            return this == DROP_COLUMN || this == RENAME_COLUMN || this == CHANGE_COLUMN_TYPE;
        }
    }

    /** A change the parser read from DDL, its table a dataset in {@code namespace}. */
    public static SchemaChange of(lineage.sql.SchemaChange change, String namespace) {
        Kind kind =
                switch (change.kind()) {
                    case DROP_COLUMN -> Kind.DROP_COLUMN;
                    case RENAME_COLUMN -> Kind.RENAME_COLUMN;
                    case CHANGE_COLUMN_TYPE -> Kind.CHANGE_COLUMN_TYPE;
                    case DROP_TABLE -> Kind.DROP_TABLE;
                    case RENAME_TABLE -> Kind.RENAME_TABLE;
                };
        return new SchemaChange(
                kind,
                NodeId.dataset(namespace, change.table().qualifiedName()),
                change.column(),
                change.newName(),
                change.newType());
    }

    public SchemaChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(column, "column is null");
        requireNonNull(newName, "newName is null");
        requireNonNull(newType, "newType is null");
        if (dataset.type() != NodeId.Type.DATASET) {
            throw new IllegalArgumentException("a schema change names a dataset: " + dataset);
        }
        if (kind.isColumnChange() != column.isPresent()) {
            throw new IllegalArgumentException(kind + (kind.isColumnChange() ? " needs" : " takes no") + " column");
        }
        if ((kind == Kind.RENAME_COLUMN || kind == Kind.RENAME_TABLE) != newName.isPresent()) {
            throw new IllegalArgumentException(kind + (newName.isPresent() ? " takes no" : " needs a") + " new name");
        }
        if ((kind == Kind.CHANGE_COLUMN_TYPE) != newType.isPresent()) {
            throw new IllegalArgumentException(kind + (newType.isPresent() ? " takes no" : " needs a") + " new type");
        }
    }
}
