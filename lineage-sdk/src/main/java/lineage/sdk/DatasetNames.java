package lineage.sdk;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/**
 * OpenLineage dataset identities, spelled exactly as the lineage server and Trino's own event listeners spell them, so
 * that a job's events and Trino's query log meet on one node.
 *
 * <ul>
 *   <li>Trino: namespace {@code trino://host:port}, name {@code catalog.schema.table}, lower-case.
 *   <li>PostgreSQL: namespace {@code postgres://host:port}, name {@code database.schema.table}.
 * </ul>
 */
public final class DatasetNames {
    private DatasetNames() {}

    /** A dataset's namespace and name. */
    public record DatasetName(String namespace, String name) {
        public DatasetName {
            requireNonNull(namespace, "namespace is null");
            requireNonNull(name, "name is null");
        }
    }

    /** {@code trino://host:port} for a Trino coordinator. */
    public static String trinoNamespace(String host, int port) {
        return "trino://" + host(host) + ":" + port(port);
    }

    /** A Trino table or view: {@code catalog.schema.table}, lower-cased as Trino folds identifiers. */
    public static DatasetName trinoTable(String host, int port, String catalog, String schema, String table) {
        return new DatasetName(trinoNamespace(host, port), qualified(catalog, schema, table));
    }

    /** A Trino table from its qualified name {@code catalog.schema.table}. */
    public static DatasetName trinoTable(String host, int port, String qualifiedName) {
        String[] parts = parts(qualifiedName);
        return trinoTable(host, port, parts[0], parts[1], parts[2]);
    }

    /** {@code postgres://host:port} for a PostgreSQL server. */
    public static String postgresNamespace(String host, int port) {
        return "postgres://" + host(host) + ":" + port(port);
    }

    /** A PostgreSQL table: {@code database.schema.table}. */
    public static DatasetName postgresTable(String host, int port, String database, String schema, String table) {
        return new DatasetName(postgresNamespace(host, port), qualified(database, schema, table));
    }

    /** A PostgreSQL table from its qualified name {@code database.schema.table}. */
    public static DatasetName postgresTable(String host, int port, String qualifiedName) {
        String[] parts = parts(qualifiedName);
        return postgresTable(host, port, parts[0], parts[1], parts[2]);
    }

    private static String[] parts(String qualifiedName) {
        requireNonNull(qualifiedName, "qualifiedName is null");
        String[] parts = qualifiedName.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a three-part name: '" + qualifiedName + "'");
        }
        return parts;
    }

    private static String qualified(String first, String second, String third) {
        return part(first, "catalog or database") + "." + part(second, "schema") + "." + part(third, "table");
    }

    private static String part(String value, String what) {
        requireNonNull(value, what + " is null");
        String part = value.strip().toLowerCase(Locale.ROOT);
        if (part.isEmpty() || part.contains(".")) {
            throw new IllegalArgumentException("invalid " + what + ": '" + value + "'");
        }
        return part;
    }

    private static String host(String host) {
        requireNonNull(host, "host is null");
        String value = host.strip().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.contains("/") || value.contains(" ")) {
            throw new IllegalArgumentException("invalid host: '" + host + "'");
        }
        return value;
    }

    private static int port(int port) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port: " + port);
        }
        return port;
    }
}
