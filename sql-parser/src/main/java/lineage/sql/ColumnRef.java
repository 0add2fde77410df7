package lineage.sql;

import static java.util.Objects.requireNonNull;

/** A column of a table: {@code catalog.schema.table.column}, lower-case and unquoted. */
public record ColumnRef(TableRef table, String name) implements Comparable<ColumnRef> {
    public ColumnRef {
        requireNonNull(table, "table is null");
        requireNonNull(name, "name is null");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("column name is empty");
        }
    }

    public static ColumnRef of(TableRef table, String name) {
        return new ColumnRef(table, name);
    }

    public String qualifiedName() {
        return table.qualifiedName() + "." + name;
    }

    @Override
    public int compareTo(ColumnRef other) {
        return qualifiedName().compareTo(other.qualifiedName());
    }

    @Override
    public String toString() {
        return qualifiedName();
    }
}
