package lineage.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;

/**
 * The real lineage server, started as its own integration tests start it (a fresh schema on real PostgreSQL), on a
 * fixed port so that it can be stopped and started again on the same port and the same schema.
 */
public final class TestingLineageServer implements AutoCloseable {
    private final Map<String, Object> properties;
    private final int port;
    private Optional<EmbeddedServer> server = Optional.empty();

    public TestingLineageServer() {
        this(Map.of());
    }

    public TestingLineageServer(Map<String, String> extraProperties) {
        this.port = freePort();
        this.properties = new HashMap<>(TestingDatabase.properties());
        properties.putAll(extraProperties);
        properties.put("micronaut.server.port", port);
        start();
    }

    public synchronized void start() {
        if (server.isEmpty()) {
            server = Optional.of(ApplicationContext.run(EmbeddedServer.class, properties));
        }
    }

    public synchronized void stop() {
        server.ifPresent(EmbeddedServer::close);
        server = Optional.empty();
    }

    public URI uri() {
        return URI.create("http://localhost:" + port);
    }

    public ServerClient client() {
        return new ServerClient(uri());
    }

    /** {@code GET path} as JSON; fails unless the answer is 200. */
    public JsonNode get(String path) {
        HttpResponse<String> response = client().get(path);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return ServerClient.json(response.body());
    }

    @Override
    public void close() {
        stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
