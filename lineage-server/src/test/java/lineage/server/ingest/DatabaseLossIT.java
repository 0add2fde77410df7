package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import lineage.server.testing.OwnPostgres;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A PostgreSQL server stopped and started again, or frozen and thawed, under load, with the server running against it
 * all along: while it is gone, writes and database reads answer 503 problem+json with {@code Retry-After} within the
 * configured bound, readiness is DOWN and liveness UP; once it is back, writes succeed without restarting the server,
 * and every acknowledged event is stored. The test runs a PostgreSQL of its own (own data directory and port), never
 * the shared one. The socket and statement timeouts are shortened (5 s, 3 s) so that the frozen database costs seconds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseLossIT implements TestPropertyProvider {
    private static final int SENDERS = 6;
    private static final int BATCH = 10;
    /** Longest any request may wait: twice the connection timeout (3 s by default), plus a margin for a busy machine. */
    private static final Duration BOUND = Duration.ofSeconds(6 + 4);
    /** The socket timeout of this test's server, in seconds. */
    private static final int SOCKET_TIMEOUT = 5;
    /**
     * Longest any request may wait on a frozen database: a statement hangs until the socket timeout, and a write may
     * queue behind a group write that hangs as long; plus the margin.
     */
    private static final Duration FROZEN_BOUND = Duration.ofSeconds(2 * SOCKET_TIMEOUT + 5);
    /** Readiness must turn DOWN within this of the database stopping: one connection timeout, plus margin. */
    private static final Duration READINESS_BOUND = Duration.ofSeconds(3 + 4);

    @Inject
    EmbeddedServer server;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver dataSources;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    /** What made a sender stop early: no answer at all (the HTTP client's timeout, a refused connection). */
    private final ConcurrentLinkedQueue<RuntimeException> failures = new ConcurrentLinkedQueue<>();

    private OwnPostgres postgres;

    /** One write's events, what it was answered, and how long the answer took. */
    private record Answer(
            List<UUID> runIds,
            long startedNanos,
            int status,
            Duration latency,
            Optional<String> contentType,
            Optional<String> retryAfter,
            String body) {}

    @Override
    public Map<String, String> getProperties() {
        postgres = new OwnPostgres("lineage-database-loss");
        Map<String, String> properties = new HashMap<>(postgres.properties());
        properties.put("datasources.default.data-source-properties.socketTimeout", String.valueOf(SOCKET_TIMEOUT));
        properties.put("datasources.default.connection-init-sql", "SET jit = off; SET statement_timeout = '3s'");
        return properties;
    }

    @AfterAll
    void stopDatabase() {
        postgres.close();
    }

    @Test
    void theConnectionsCarryTheConfiguredTimeouts() throws Exception {
        try (Connection connection = dataSources.resolve(dataSource).getConnection()) {
            assertThat(connection.getNetworkTimeout()).as("socketTimeout, ms").isEqualTo(SOCKET_TIMEOUT * 1000);
            assertThat(query(connection, "SHOW statement_timeout")).isEqualTo("3s");
            assertThat(query(connection, "SHOW jit")).isEqualTo("off");
        }
    }

    @Test
    void writesAnswer503WhileTheDatabaseIsDownAndResumeWhenItIsBack() throws Exception {
        ExecutorService senders = startSenders();
        try {
            awaitAnswers(201, 100, Duration.ofSeconds(60));

            long stopped = System.nanoTime();
            postgres.stop();
            await(
                    "readiness DOWN",
                    READINESS_BOUND,
                    () -> get("/health/readiness").statusCode() == 503);
            assertThat(get("/health/liveness").statusCode()).as("liveness").isEqualTo(200);
            assertThat(get("/health").statusCode()).as("health").isEqualTo(503);
            awaitAnswersAfter(503, stopped, 3 * SENDERS, Duration.ofSeconds(30));
            String lineage = "/api/v1/lineage?nodeId=dataset:ns:" + acknowledgedOutput();
            for (String read : List.of("/api/v1/namespaces", "/api/v1/events/lineage", lineage)) {
                long readStarted = System.nanoTime();
                assertUnavailableProblem(get(read));
                assertThat(Duration.ofNanos(System.nanoTime() - readStarted))
                        .as(read)
                        .isLessThanOrEqualTo(BOUND);
            }

            postgres.start();
            long restarted = System.nanoTime();
            awaitAnswersAfter(201, restarted, 50, Duration.ofSeconds(60));
            await(
                    "readiness UP",
                    Duration.ofSeconds(10),
                    () -> get("/health/readiness").statusCode() == 200);
            assertThat(get("/api/v1/namespaces").statusCode()).isEqualTo(200);
            assertThat(get(lineage).statusCode()).isEqualTo(200);
        } finally {
            stopSenders(senders);
        }
        assertAnswers(BOUND);
    }

    @Test
    void aFrozenDatabaseCostsARequestAtMostTheSocketTimeout() throws Exception {
        ExecutorService senders = startSenders();
        try {
            awaitAnswers(201, 100, Duration.ofSeconds(60));

            List<String> processes = postgresProcesses();
            signal("STOP", processes);
            long frozen = System.nanoTime();
            try {
                await(
                        "readiness DOWN",
                        Duration.ofSeconds(SOCKET_TIMEOUT).plus(READINESS_BOUND),
                        () -> get("/health/readiness").statusCode() == 503);
                assertThat(get("/health/liveness").statusCode()).as("liveness").isEqualTo(200);
                awaitAnswersAfter(503, frozen, 2 * SENDERS, Duration.ofSeconds(60));
            } finally {
                signal("CONT", processes);
            }
            long thawed = System.nanoTime();
            awaitAnswersAfter(201, thawed, 50, Duration.ofSeconds(60));
            await(
                    "readiness UP",
                    Duration.ofSeconds(10),
                    () -> get("/health/readiness").statusCode() == 200);
        } finally {
            stopSenders(senders);
        }
        assertAnswers(FROZEN_BOUND);
    }

    private ExecutorService startSenders() {
        answers.clear();
        failures.clear();
        sending.set(true);
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        for (int sender = 0; sender < SENDERS; sender++) {
            int batch = sender == 0 ? BATCH : 1;
            senders.submit(() -> {
                try {
                    send(batch);
                } catch (RuntimeException failure) {
                    failures.add(failure);
                }
            });
        }
        return senders;
    }

    private void stopSenders(ExecutorService senders) throws InterruptedException {
        sending.set(false);
        senders.shutdown();
        assertThat(senders.awaitTermination(2, TimeUnit.MINUTES))
                .as("senders stopped")
                .isTrue();
    }

    /**
     * Every write answered within the bound, with 2xx or 503 problem+json; every acknowledged event stored and
     * projected.
     */
    private void assertAnswers(Duration bound) {
        assertThat(failures).as("requests without an answer").isEmpty();
        List<Answer> all = new ArrayList<>(answers);
        assertThat(all).allSatisfy(answer -> {
            assertThat(answer.latency()).as("latency of %s", answer).isLessThanOrEqualTo(bound);
            assertThat(answer.status()).as("status of %s", answer).isIn(200, 201, 503);
            if (answer.status() == 503) {
                assertThat(answer.contentType()).hasValue("application/problem+json");
                assertThat(answer.retryAfter()).hasValue("5");
                assertThat(ServerClient.json(answer.body()).path("code").asText())
                        .isEqualTo("DATABASE_UNAVAILABLE");
            }
        });
        Set<String> acknowledged = all.stream()
                .filter(answer -> answer.status() < 300)
                .flatMap(answer -> answer.runIds().stream())
                .map(UUID::toString)
                .collect(Collectors.toSet());
        Set<String> stored = new HashSet<>(TestingDatabase.query(
                postgres.properties(), "SELECT run_id FROM lineage_events WHERE projected_at IS NOT NULL"));
        assertThat(acknowledged).hasSizeGreaterThan(150);
        assertThat(stored).containsAll(acknowledged);
    }

    /** The postmaster of the test's PostgreSQL and every process it started (backends, background workers). */
    private List<String> postgresProcesses() throws IOException {
        long postmaster =
                Long.parseLong(Files.readAllLines(postgres.dataDirectory().resolve("postmaster.pid"))
                        .get(0)
                        .strip());
        ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
        List<String> processes = new ArrayList<>();
        processes.add(String.valueOf(postmaster));
        handle.descendants().forEach(process -> processes.add(String.valueOf(process.pid())));
        return processes;
    }

    private static void signal(String signal, List<String> processes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        command.addAll(processes);
        Process kill = new ProcessBuilder(command).inheritIO().start();
        assertThat(kill.waitFor()).as(String.join(" ", command)).isZero();
    }

    /** Posts distinct events (one per run) until told to stop; {@code batch} > 1 posts arrays of that many. */
    private void send(int batch) {
        while (sending.get()) {
            List<UUID> runIds = new ArrayList<>();
            List<String> events = new ArrayList<>();
            for (int index = 0; index < batch; index++) {
                UUID runId = UUID.randomUUID();
                runIds.add(runId);
                String datasets = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"in_" + runId.hashCode() % 50
                        + "\"}], \"outputs\": [{\"namespace\": \"ns\", \"name\": \"out_" + runId + "\"}]";
                events.add(TestEvents.runEventJson(runId, "START", "job_" + runId.hashCode() % 20, datasets));
            }
            String body = batch == 1 ? events.get(0) : "[" + String.join(",", events) + "]";
            long started = System.nanoTime();
            HttpResponse<String> response = post("/api/v1/lineage", body);
            answers.add(new Answer(
                    runIds,
                    started,
                    response.statusCode(),
                    Duration.ofNanos(System.nanoTime() - started),
                    response.headers().firstValue("content-type"),
                    response.headers().firstValue("retry-after"),
                    response.body()));
        }
    }

    /** The output dataset of an event acknowledged before the outage. */
    private String acknowledgedOutput() {
        return answers.stream()
                .filter(answer -> answer.status() == 201)
                .map(answer -> "out_" + answer.runIds().get(0))
                .findFirst()
                .orElseThrow();
    }

    private static void assertUnavailableProblem(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(response.headers().firstValue("retry-after")).hasValue("5");
        assertThat(ServerClient.json(response.body()).path("code").asText()).isEqualTo("DATABASE_UNAVAILABLE");
    }

    private void awaitAnswers(int status, int count, Duration deadline) {
        awaitAnswersAfter(status, 0, count, deadline);
    }

    /** Waits until {@code count} writes sent after {@code sinceNanos} were answered {@code status}. */
    private void awaitAnswersAfter(int status, long sinceNanos, int count, Duration deadline) {
        await(
                count + " answers " + status,
                deadline,
                () -> answers.stream()
                                .filter(answer -> answer.startedNanos() - sinceNanos >= 0 && answer.status() == status)
                                .count()
                        >= count);
    }

    /**
     * Waits for the condition; when it does not come, the failure carries the stack of every thread (the server runs
     * in this JVM), so that a request that hangs shows where.
     */
    private static void await(String what, Duration deadline, BooleanSupplier condition) {
        try {
            Awaitility.await(what)
                    .atMost(deadline)
                    .pollInterval(Duration.ofMillis(50))
                    .until(condition::getAsBoolean);
        } catch (ConditionTimeoutException timeout) {
            throw new AssertionError(timeout.getMessage() + "\nThreads:\n" + threadDump(), timeout);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName());
            }
            if (thread.getLockOwnerName() != null) {
                dump.append(" held by ").append(thread.getLockOwnerName());
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }

    private HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private URI uri(String path) {
        return server.getURI().resolve(path);
    }

    /** A request that hangs fails the test instead of hanging it: the timeout is far above {@link #BOUND}. */
    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(exception);
        }
    }

    private static String query(Connection connection, String sql) throws Exception {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getString(1);
        }
    }
}
