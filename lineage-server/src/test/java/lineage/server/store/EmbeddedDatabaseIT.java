package lineage.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service's own embedded PostgreSQL: it requires its generated password, upgrades a store of the older,
 * password-less build in place, and comes back by itself when its postmaster is killed under load without losing an
 * acknowledged event.
 */
class EmbeddedDatabaseIT {
    private static final String DATASETS = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"embedded_in\"}],"
            + " \"outputs\": [{\"namespace\": \"ns\", \"name\": \"embedded_out\"}]";
    private static final int SENDERS = 4;
    private static final Duration POLL_PAUSE = Duration.ofMillis(20);

    @TempDir
    Path data;

    @Test
    void requiresItsPasswordAndTheServerWorksWithIt() throws Exception {
        int port = freePort();
        try (EmbeddedDatabase database = EmbeddedDatabase.open(data, port)) {
            assertThat(Files.getPosixFilePermissions(database.passwordFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(Files.readString(database.passwordFile()))
                    .isEqualTo(database.password())
                    .hasSize(32);
            assertRefusesWithoutPassword(database);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "wrong"))
                    .isInstanceOf(SQLException.class);
            assertThat(setting(database, "listen_addresses")).isEqualTo("localhost");
            assertThat(setting(database, "fsync")).isEqualTo("on");
            assertThat(setting(database, "synchronous_commit")).isEqualTo("on");

            UUID runId = UUID.randomUUID();
            try (EmbeddedServer server = server(database.jdbcUrl(), database.password())) {
                assertThat(post(server.getURI(), runId)).isEqualTo(201);
            }
            assertThat(storedRunIds(database)).containsExactly(runId.toString());
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.open(data, port)) {
            assertThat(again.password()).isEqualTo(Files.readString(again.passwordFile()));
            assertThat(storedRunIds(again)).hasSize(1);
            assertRefusesWithoutPassword(again);
        }
    }

    @Test
    void aStoreOfTheFormerPasswordlessBuildGetsItsPasswordAtTheFirstStart() throws Exception {
        int port = freePort();
        UUID runId = UUID.randomUUID();
        // Today's build: every local connection trusted, the server connecting as postgres without a password.
        EmbeddedPostgres former = EmbeddedDatabase.start(data.resolve("postgres"), port, true);
        try (EmbeddedServer server = server(former.getJdbcUrl("postgres", "postgres"), "")) {
            assertThat(post(server.getURI(), runId)).isEqualTo(201);
        } finally {
            former.close();
        }
        assertThat(data.resolve("postgres.password")).doesNotExist();
        assertThat(EmbeddedCredentials.requiresPassword(data.resolve("postgres")))
                .isFalse();

        try (EmbeddedDatabase database = EmbeddedDatabase.open(data, port)) {
            assertThat(Files.getPosixFilePermissions(database.passwordFile()))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(EmbeddedCredentials.requiresPassword(data.resolve("postgres")))
                    .isTrue();
            assertRefusesWithoutPassword(database);
            assertThat(storedRunIds(database)).containsExactly(runId.toString());
            try (EmbeddedServer server = server(database.jdbcUrl(), database.password())) {
                assertThat(post(server.getURI(), UUID.randomUUID())).isEqualTo(201);
            }
            assertThat(storedRunIds(database)).hasSize(2);
        }
    }

    @Test
    void aLostPasswordFileIsReplacedByANewPassword() throws Exception {
        int port = freePort();
        String first;
        try (EmbeddedDatabase database = EmbeddedDatabase.open(data, port)) {
            first = database.password();
        }
        Files.delete(data.resolve("postgres.password"));
        try (EmbeddedDatabase database = EmbeddedDatabase.open(data, port)) {
            assertThat(database.password()).isNotEqualTo(first);
            assertRefusesWithoutPassword(database);
            assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", first))
                    .isInstanceOf(SQLException.class);
            assertThat(setting(database, "port")).isEqualTo(String.valueOf(port));
        }
    }

    @Test
    void aKilledPostmasterComesBackUnderLoadAndNoAcknowledgedEventIsLost() throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.open(data, freePort());
                EmbeddedServer server = server(database.jdbcUrl(), database.password())) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger failed = new AtomicInteger();
            AtomicBoolean sending = new AtomicBoolean(true);
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            List<Future<?>> running = new ArrayList<>();
            for (int sender = 0; sender < SENDERS; sender++) {
                running.add(senders.submit(() -> send(server.getURI(), sending, acknowledged, failed)));
            }
            try {
                awaitTrue(
                        "events acknowledged before the kill", Duration.ofSeconds(60), () -> acknowledged.size() >= 50);
                long killed = EmbeddedSupervisor.readPostmasterPid(data.resolve("postgres"))
                        .orElseThrow();
                assertThat(ProcessHandle.of(killed).orElseThrow().destroyForcibly())
                        .isTrue();

                awaitTrue("PostgreSQL started again", Duration.ofSeconds(60), () -> database.restarts() == 1);
                long restarted = EmbeddedSupervisor.readPostmasterPid(data.resolve("postgres"))
                        .orElseThrow();
                assertThat(restarted).isNotEqualTo(killed);
                assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive))
                        .contains(true);
                int afterRestart = acknowledged.size();
                awaitTrue(
                        "writes acknowledged again after the restart",
                        Duration.ofSeconds(90),
                        () -> acknowledged.size() >= afterRestart + 50);
            } finally {
                sending.set(false);
                for (Future<?> sender : running) {
                    sender.get(120, TimeUnit.SECONDS);
                }
                senders.shutdown();
            }
            assertThat(storedRunIds(database)).containsAll(acknowledged);
            assertThat(new ServerClient(server.getURI()).get("/prometheus").body())
                    .containsPattern("(?m)^lineage_embedded_database_restarts_total [1-9]");
        }
    }

    /** Posts START events of new runs until told to stop; records the runs answered 2xx and counts the others. */
    private static void send(URI base, AtomicBoolean sending, Set<String> acknowledged, AtomicInteger failed) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        while (sending.get()) {
            UUID runId = UUID.randomUUID();
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/lineage"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            TestEvents.runEventJson(runId, "START", "embedded_job", DATASETS)))
                    .build();
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 == 2) {
                    acknowledged.add(runId.toString());
                } else {
                    failed.incrementAndGet();
                }
            } catch (IOException exception) {
                failed.incrementAndGet();
            } catch (InterruptedException exception) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static int post(URI base, UUID runId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/lineage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        TestEvents.runEventJson(runId, "START", "embedded_job", DATASETS)))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static EmbeddedServer server(String url, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", url);
        properties.put("datasources.default.username", "postgres");
        properties.put("datasources.default.password", password);
        properties.put("micronaut.server.port", -1);
        return ApplicationContext.run(EmbeddedServer.class, properties);
    }

    private static void assertRefusesWithoutPassword(EmbeddedDatabase database) {
        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", ""))
                .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> DriverManager.getConnection(
                        database.jdbcUrl().replace("localhost", "127.0.0.1"), "postgres", ""))
                .isInstanceOf(SQLException.class);
    }

    private static String setting(EmbeddedDatabase database, String name) {
        return query(database, "SELECT current_setting('" + name + "')").get(0);
    }

    private static List<String> storedRunIds(EmbeddedDatabase database) {
        return query(database, "SELECT run_id::text FROM lineage_events ORDER BY id");
    }

    private static List<String> query(EmbeddedDatabase database, String sql) {
        List<String> values = new ArrayList<>();
        try (Connection connection =
                        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
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

    private static void awaitTrue(String what, Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            LockSupport.parkNanos(POLL_PAUSE.toNanos());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
