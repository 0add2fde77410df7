package lineage.sdk.sql;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import lineage.sdk.DatasetNames;
import lineage.sql.ParseOptions;

/**
 * Where a SQL statement runs: the dataset namespace of the tables it names, the catalog and schema that complete
 * unqualified names, and the SQL dialect reported in the SQL job facet.
 */
public record SqlContext(
        String namespace, Optional<String> defaultCatalog, Optional<String> defaultSchema, String dialect) {
    public SqlContext {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(defaultCatalog, "defaultCatalog is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
        requireNonNull(dialect, "dialect is null");
        if (namespace.isBlank()) {
            throw new IllegalArgumentException("invalid namespace: '" + namespace + "'");
        }
    }

    /** Tables in {@code namespace}, named as written; dialect {@code trino}. */
    public static SqlContext of(String namespace) {
        return new SqlContext(namespace, Optional.empty(), Optional.empty(), "trino");
    }

    /** A Trino coordinator, with the session's catalog and schema. */
    public static SqlContext trino(String host, int port, String catalog, String schema) {
        return new SqlContext(
                DatasetNames.trinoNamespace(host, port), Optional.of(catalog), Optional.of(schema), "trino");
    }

    /** A PostgreSQL database: names are {@code database.schema.table}, unqualified tables are in {@code public}. */
    public static SqlContext postgres(String host, int port, String database) {
        return new SqlContext(
                DatasetNames.postgresNamespace(host, port), Optional.of(database), Optional.of("public"), "postgresql");
    }

    public SqlContext withDefaultCatalog(String catalog) {
        return new SqlContext(namespace, Optional.of(catalog), defaultSchema, dialect);
    }

    public SqlContext withDefaultSchema(String schema) {
        return new SqlContext(namespace, defaultCatalog, Optional.of(schema), dialect);
    }

    /** The parser's options for this context. */
    public ParseOptions parseOptions() {
        return new ParseOptions(
                defaultCatalog, defaultSchema, ParseOptions.defaults().schemas());
    }
}
