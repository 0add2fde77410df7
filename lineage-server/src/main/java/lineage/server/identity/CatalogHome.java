package lineage.server.identity;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Where a Trino catalog's tables physically live ({@code lineage.trino.catalogs.<catalog>.namespace} and {@code
 * .database}): {@code customersdb} → {@code postgres://pg-customers:5432}, database {@code customers}, so that the
 * PostgreSQL name {@code customers.public.customers} is the Trino name {@code customersdb.public.customers}. Without a
 * database, every name of the namespace belongs to the catalog ({@code public.customers} → {@code
 * customersdb.public.customers}).
 */
public record CatalogHome(String catalog, String namespace, Optional<String> database) {
    public CatalogHome {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(namespace, "namespace is null");
        requireNonNull(database, "database is null");
    }

    /** The Trino name of a physical name of this home, if it is one of the catalog's tables. */
    Optional<String> trinoName(String physicalName) {
        if (database.isEmpty()) {
            return Optional.of(catalog + "." + physicalName);
        }
        String prefix = database.get() + ".";
        return physicalName.startsWith(prefix) && physicalName.length() > prefix.length()
                ? Optional.of(catalog + "." + physicalName.substring(prefix.length()))
                : Optional.empty();
    }

    /** The physical name of a Trino name of this catalog, if it is one. */
    Optional<String> physicalName(String trinoName) {
        String prefix = catalog + ".";
        if (!trinoName.startsWith(prefix) || trinoName.length() == prefix.length()) {
            return Optional.empty();
        }
        String rest = trinoName.substring(prefix.length());
        return Optional.of(database.map(name -> name + "." + rest).orElse(rest));
    }
}
