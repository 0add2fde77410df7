package lineage.server.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the quick start: started by the service itself when no database is configured, its data
 * in a directory that survives restarts. Production points {@code LINEAGE_DB_URL} at a PostgreSQL server instead.
 *
 * <p>The service's own store ({@link #open}) listens on localhost only, requires the generated password kept in
 * {@code <data>/postgres.password} of every connection, and is started again by a supervisor when it dies. A store
 * made by an older build (no password, every local connection trusted) gets its password at its first start.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    private static final int DEFAULT_PORT = 5433;
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration SUPERVISION_INTERVAL = Duration.ofSeconds(1);
    private static final String PASSWORD_FILE = "postgres.password";

    private final EmbeddedPostgres postgres;
    private final EmbeddedSupervisor supervisor;
    private final Path passwordFile;
    private final String password;

    private EmbeddedDatabase(
            EmbeddedPostgres postgres, EmbeddedSupervisor supervisor, Path passwordFile, String password) {
        this.postgres = postgres;
        this.supervisor = supervisor;
        this.passwordFile = passwordFile;
        this.password = password;
    }

    /** Starts the embedded database and points the datasource at it, unless {@code LINEAGE_DB_URL} is set. */
    public static void startUnlessConfigured(Map<String, String> environment) {
        String url = environment.getOrDefault("LINEAGE_DB_URL", "");
        if (!url.isBlank() || !System.getProperty("datasources.default.url", "").isBlank()) {
            return;
        }
        Path dataDirectory =
                Path.of(environment.getOrDefault("LINEAGE_DATA_DIR", "data")).toAbsolutePath();
        int port = Integer.parseInt(environment.getOrDefault("LINEAGE_EMBEDDED_DB_PORT", String.valueOf(DEFAULT_PORT)));
        EmbeddedDatabase database = open(dataDirectory, port);
        System.setProperty("datasources.default.url", database.jdbcUrl());
        System.setProperty("datasources.default.username", database.user());
        System.setProperty("datasources.default.password", database.password());
        Runtime.getRuntime().addShutdownHook(new Thread(database::close, "embedded-postgres-stop"));
        LOG.info(
                "Embedded PostgreSQL on localhost:{}, data in {}, its password in {}",
                port,
                dataDirectory,
                database.passwordFile());
    }

    /**
     * Starts the service's store: durable PostgreSQL on localhost:{@code port} with its data in
     * {@code dataDirectory/postgres} (created when missing), password-protected and supervised.
     */
    public static EmbeddedDatabase open(Path dataDirectory, int port) {
        Path postgresData = dataDirectory.resolve("postgres");
        Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot create " + dataDirectory, exception);
        }
        EmbeddedCredentials.Password password = EmbeddedCredentials.readOrCreatePassword(passwordFile);
        EmbeddedPostgres postgres = start(postgresData, port, true, builder -> builder.setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "localhost")
                .setConnectConfig("password", password.value())
                .setDataDirectoryCustomizer(directory -> {
                    if (password.created() && EmbeddedCredentials.requiresPassword(directory.toPath())) {
                        EmbeddedCredentials.allowWithoutPassword(directory.toPath());
                    }
                }));
        try {
            if (!EmbeddedCredentials.requiresPassword(postgresData)) {
                EmbeddedCredentials.requirePassword(postgresData, postgres.getPort(), password.value());
            }
            EmbeddedSupervisor supervisor =
                    EmbeddedSupervisor.watch(postgresData, postgres.getPort(), SUPERVISION_INTERVAL);
            return new EmbeddedDatabase(postgres, supervisor, passwordFile, password.value());
        } catch (RuntimeException exception) {
            close(postgres);
            throw exception;
        }
    }

    /**
     * Starts PostgreSQL on the port (0: any free port) with its data in the directory (created when missing), every
     * local connection trusted and nobody watching: for throw-away test databases. {@code durable} turns fsync and
     * synchronous commit back on (the embedded binaries default to neither).
     */
    public static EmbeddedPostgres start(Path dataDirectory, int port, boolean durable) {
        return start(dataDirectory, port, durable, builder -> builder);
    }

    private static EmbeddedPostgres start(
            Path dataDirectory, int port, boolean durable, UnaryOperator<EmbeddedPostgres.Builder> customizer) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(STARTUP_WAIT);
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return customizer.apply(builder).start();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, exception);
        }
    }

    public String jdbcUrl() {
        return EmbeddedCredentials.url(postgres.getPort());
    }

    public String user() {
        return EmbeddedCredentials.USER;
    }

    public String password() {
        return password;
    }

    public Path passwordFile() {
        return passwordFile;
    }

    public int port() {
        return postgres.getPort();
    }

    /** How many times the supervisor started PostgreSQL again after it died. */
    public long restarts() {
        return supervisor.restarts();
    }

    /** How many times the supervisors of this process started their PostgreSQL again. */
    public static long restartsInProcess() {
        return EmbeddedSupervisor.restartsInProcess();
    }

    /** Stops supervising, then stops PostgreSQL (whichever postmaster runs on the data directory now). */
    @Override
    public void close() {
        supervisor.close();
        close(postgres);
    }

    private static void close(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException exception) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", exception);
        }
    }
}
