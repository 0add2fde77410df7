package lineage.sdk.jdbc;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import lineage.sdk.DatasetNames;
import lineage.sdk.sql.SqlContext;

/**
 * The SQL context of a JDBC URL: the dataset namespace of its server and the catalog and schema that complete
 * unqualified table names.
 *
 * <ul>
 *   <li>{@code jdbc:trino://host:port/catalog/schema?…}: namespace {@code trino://host:port} (port 8080, or 443 with
 *       {@code SSL=true}, when absent), catalog and schema from the path when present.
 *   <li>{@code jdbc:postgresql://host:port/database?…}: namespace {@code postgres://host:port} (port 5432 when
 *       absent), catalog the database, schema {@code currentSchema} or {@code public}.
 * </ul>
 */
public final class JdbcUrls {
    private JdbcUrls() {}

    /** The context of a Trino or PostgreSQL JDBC URL; empty for other drivers. */
    public static Optional<SqlContext> sqlContext(String jdbcUrl) {
        requireNonNull(jdbcUrl, "jdbcUrl is null");
        if (jdbcUrl.startsWith("jdbc:trino://")) {
            return Optional.of(trino(URI.create(jdbcUrl.substring("jdbc:".length()))));
        }
        if (jdbcUrl.startsWith("jdbc:postgresql://")) {
            return Optional.of(postgres(URI.create(jdbcUrl.substring("jdbc:".length()))));
        }
        return Optional.empty();
    }

    private static SqlContext trino(URI uri) {
        boolean ssl = parameter(uri, "SSL").map("true"::equalsIgnoreCase).orElse(false);
        int port = uri.getPort() == -1 ? (ssl ? 443 : 8080) : uri.getPort();
        SqlContext context = new SqlContext(
                DatasetNames.trinoNamespace(uri.getHost(), port), Optional.empty(), Optional.empty(), "trino");
        String[] path = pathParts(uri);
        if (path.length >= 1) {
            context = context.withDefaultCatalog(path[0].toLowerCase(Locale.ROOT));
        }
        if (path.length >= 2) {
            context = context.withDefaultSchema(path[1].toLowerCase(Locale.ROOT));
        }
        return context;
    }

    private static SqlContext postgres(URI uri) {
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String[] path = pathParts(uri);
        if (path.length == 0) {
            throw new IllegalArgumentException("PostgreSQL JDBC URL names no database: " + uri);
        }
        SqlContext context = SqlContext.postgres(uri.getHost(), port, path[0]);
        Optional<String> schema = parameter(uri, "currentSchema");
        return schema.isPresent() ? context.withDefaultSchema(schema.get().split(",")[0]) : context;
    }

    private static String[] pathParts(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String stripped = path.replaceAll("^/+|/+$", "");
        return stripped.isEmpty() ? new String[0] : stripped.split("/");
    }

    private static Optional<String> parameter(URI uri, String name) {
        if (uri.getQuery() == null) {
            return Optional.empty();
        }
        for (String pair : uri.getQuery().split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return Optional.of(pair.substring(equals + 1));
            }
        }
        return Optional.empty();
    }
}
