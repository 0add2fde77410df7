package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table, view or materialized view named by SQL: {@code catalog.schema.name}, unquoted. Lower-case in lineage; a
 * {@link SchemaChange} keeps the case of quoted names.
 *
 * <p>The catalog and schema are absent only when the SQL used a shorter name and no default was given.
 */
public record TableRef(Optional<String> catalog, Optional<String> schema, String name) implements Comparable<TableRef> {
    public TableRef {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(schema, "schema is null");
        requireNonNull(name, "name is null");
        requireNonEmpty(catalog.orElse("x"), "catalog");
        requireNonEmpty(schema.orElse("x"), "schema");
        requireNonEmpty(name, "name");
        if (catalog.isPresent() && schema.isEmpty()) {
            throw new IllegalArgumentException("catalog without schema: " + catalog.get() + "." + name);
        }
    }

    /** A fully qualified table. */
    public static TableRef of(String catalog, String schema, String name) {
        return new TableRef(Optional.of(catalog), Optional.of(schema), name);
    }

    /** Parses {@code catalog.schema.name} (or a shorter name) as written by {@link #qualifiedName()}. */
    public static TableRef parse(String qualifiedName) {
        requireNonNull(qualifiedName, "qualifiedName is null");
        String[] parts = qualifiedName.split("\\.", -1);
        return switch (parts.length) {
            case 1 -> new TableRef(Optional.empty(), Optional.empty(), parts[0]);
            case 2 -> new TableRef(Optional.empty(), Optional.of(parts[0]), parts[1]);
            case 3 -> of(parts[0], parts[1], parts[2]);
            default -> throw new IllegalArgumentException("not a table name: " + qualifiedName);
        };
    }

    /** The name parts joined with {@code .}, without quotes. */
    public String qualifiedName() {
        List<String> parts = new ArrayList<>(3);
        catalog.ifPresent(parts::add);
        schema.ifPresent(parts::add);
        parts.add(name);
        return String.join(".", parts);
    }

    public boolean isFullyQualified() {
        return catalog.isPresent();
    }

    @Override
    public int compareTo(TableRef other) {
        return qualifiedName().compareTo(other.qualifiedName());
    }

    @Override
    public String toString() {
        return qualifiedName();
    }

    private static void requireNonEmpty(String value, String what) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
    }
}
