package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The server sees a client that closes its connection while its request is being worked on ({@link Deadlines#abandoned},
 * which every bounded piece of work checks): the request is held on a blocking thread by {@link TestingHoldFilter}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientGoneIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("testing.hold-filter", "true");
        return properties;
    }

    @Test
    void aClosedConnectionIsSeenWhileTheWorkRuns() throws IOException, InterruptedException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /testing/hold HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(TestingHoldFilter.HOLDING.await(10, TimeUnit.SECONDS))
                    .as("the request reached the work")
                    .isTrue();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (TestingHoldFilter.OUTCOME.get() == null && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(TestingHoldFilter.OUTCOME.get()).isEqualTo("abandoned");
    }
}
