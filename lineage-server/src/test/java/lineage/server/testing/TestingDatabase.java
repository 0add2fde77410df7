package lineage.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import lineage.server.store.EmbeddedDatabase;

/**
 * The PostgreSQL the integration tests use: the server named by {@code LINEAGE_TEST_DB_URL} when set (CI sets it and
 * then requires it), else one embedded PostgreSQL per test JVM. Each test class gets a schema of its own, migrated by
 * Flyway, so classes never see each other's data.
 */
public final class TestingDatabase {
    private static EmbeddedPostgres embedded;

    private TestingDatabase() {}

    /** Datasource and Flyway properties for a fresh schema. */
    public static synchronized Map<String, String> properties() {
        String schema = "it_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        String url = System.getenv("LINEAGE_TEST_DB_URL");
        String user;
        String password;
        if (url != null && !url.isBlank()) {
            user = System.getenv().getOrDefault("LINEAGE_TEST_DB_USER", "lineage");
            password = System.getenv().getOrDefault("LINEAGE_TEST_DB_PASSWORD", "");
        } else if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must name its PostgreSQL server in LINEAGE_TEST_DB_URL");
        } else {
            url = embedded().getJdbcUrl("postgres", "postgres");
            user = "postgres";
            password = "";
        }
        String separator = url.contains("?") ? "&" : "?";
        return Map.of(
                "datasources.default.url", url + separator + "currentSchema=" + schema,
                "datasources.default.username", user,
                "datasources.default.password", password,
                "flyway.datasources.default.schemas", schema,
                "flyway.datasources.default.create-schemas", "true");
    }

    private static EmbeddedPostgres embedded() {
        if (embedded == null) {
            try {
                Path directory = Files.createTempDirectory("lineage-it-postgres");
                embedded = EmbeddedDatabase.start(directory.resolve("data"), 0, false);
            } catch (IOException exception) {
                throw new UncheckedIOException(exception);
            }
        }
        return embedded;
    }

    /**
     * The first column of a query's rows, as text, on a plain connection to the database of {@code properties} (from
     * {@link #properties()}): for tests outside a test transaction, where the server's DataSource has no connection.
     */
    public static List<String> query(Map<String, String> properties, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(
                        properties.get("datasources.default.url"),
                        properties.get("datasources.default.username"),
                        properties.get("datasources.default.password"));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
        return values;
    }
}
