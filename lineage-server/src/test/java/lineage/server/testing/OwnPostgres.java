package lineage.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lineage.server.store.EmbeddedDatabase;

/**
 * A PostgreSQL of a test's own, never the shared one ({@link TestingDatabase}): its own data directory and port, so
 * that the test may stop it, start it again on the same data, or freeze its processes while the server runs against
 * it.
 */
public final class OwnPostgres implements AutoCloseable {
    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    /** Starts one on a fresh data directory (named after {@code purpose}) and a free port. */
    public OwnPostgres(String purpose) {
        try {
            dataDirectory = Files.createTempDirectory(purpose).resolve("postgres");
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        start();
    }

    /** Starts it again on the same data and port. */
    public void start() {
        postgres = EmbeddedDatabase.start(dataDirectory, port, false);
    }

    /** Stops it; {@link #start} brings it back. */
    public void stop() {
        try {
            postgres.close();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Where it keeps its data ({@code postmaster.pid} among it). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The server's datasource properties for it, as {@link TestingDatabase#query} takes them too. */
    public Map<String, String> properties() {
        return Map.of(
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }
}
