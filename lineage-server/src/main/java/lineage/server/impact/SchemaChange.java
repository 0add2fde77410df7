package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import lineage.server.model.NodeId;
import lineage.sql.SchemaChange.Kind;

/**
 * A proposed change to a table: drop or rename a column, change its type, drop or rename the table, as the parser
 * reads them from DDL ({@link Kind} is the parser's), with the table as a dataset of the graph. {@code column} is set
 * for column changes; {@code newName} for renames (of the column, or of the table); {@code newType} for a type change.
 */
public record SchemaChange(
        Kind kind, NodeId dataset, Optional<String> column, Optional<String> newName, Optional<String> newType) {
    /** A change the parser read from DDL, its table a dataset in {@code namespace}. */
    public static SchemaChange of(lineage.sql.SchemaChange change, String namespace) {
        return new SchemaChange(
                change.kind(),
                NodeId.dataset(namespace, change.table().qualifiedName()),
                change.column(),
                change.newName(),
                change.newType());
    }

    public SchemaChange {
        requireNonNull(kind, "kind is null");
        requireNonNull(dataset, "dataset is null");
        if (dataset.type() != NodeId.Type.DATASET) {
            throw new IllegalArgumentException("a schema change names a dataset: " + dataset);
        }
        kind.requireParts(column, newName, newType);
    }
}
