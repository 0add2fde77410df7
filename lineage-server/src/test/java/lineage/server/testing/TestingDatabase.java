package lineage.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
