package lineage.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TestingKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two server replicas, each a process of its own from the server's jar, in one consumer group on one PostgreSQL schema
 * and a topic of four partitions on the shared broker ({@link TestingKafka}): 100,000 events produced; one replica
 * killed ({@code kill -9}) mid-stream; the survivor takes its partitions; afterwards every produced event is stored
 * exactly once, and the graph each replica serves (the killed one started again) is the graph this test's own server
 * built from the same events posted over HTTP.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaReplicasIT implements TestPropertyProvider {
    private static final int EVENTS = 100_000;
    private static final int JOBS = 1_000;
    private static final int PARTITIONS = 4;
    private static final int KILL_AFTER = 30_000;
    private static final Duration START = Duration.ofMinutes(3);
    private static final Duration DRAIN = Duration.ofMinutes(6);
    private static final Path JAR = Path.of("target", "lineage-server-all.jar");

    private final String topic = TestingKafka.name("openlineage-replicas");
    private final String group = TestingKafka.name("lineage-replicas-it");
    private final List<Process> replicas = new ArrayList<>();
    private String bootstrap;
    /** The replicas' schema; this test's own server has another ({@link #getProperties}). */
    private Map<String, String> replicaDatabase;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        bootstrap = TestingKafka.bootstrapServers();
        replicaDatabase = TestingDatabase.properties();
        return TestingDatabase.properties();
    }

    @AfterAll
    void stopReplicas() {
        replicas.forEach(Process::destroyForcibly);
    }

    @Test
    void twoReplicasShareATopicAndSurviveLosingOne() throws Exception {
        assertThat(JAR).as("the server's jar, built by the package phase").exists();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        Replica first = start("a");
        Replica second = start("b");
        Awaitility.await().atMost(START).untilAsserted(() -> {
            assertThat(partitions(first)).isNotEmpty();
            assertThat(partitions(second)).isNotEmpty();
            assertThat(partitions(first).size() + partitions(second).size()).isEqualTo(PARTITIONS);
        });

        List<String> events = events();
        produce(events);
        Awaitility.await().atMost(DRAIN).until(() -> stored() >= KILL_AFTER);
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long atKill = stored();
        assertThat(atKill).as("killed mid-stream").isLessThan(EVENTS);

        Awaitility.await().atMost(START).untilAsserted(() -> assertThat(partitions(second))
                .hasSize(PARTITIONS));
        Awaitility.await().atMost(DRAIN).until(() -> stored() >= EVENTS);
        assertThat(TestingDatabase.query(replicaDatabase, "SELECT count(*) FROM lineage_events"))
                .containsExactly(String.valueOf(EVENTS));
        assertThat(TestingDatabase.query(replicaDatabase, "SELECT count(DISTINCT run_id) FROM lineage_events"))
                .containsExactly(String.valueOf(EVENTS));
        assertThat(TestingDatabase.query(
                        replicaDatabase, "SELECT count(*) FROM lineage_events WHERE projected_at IS NULL"))
                .containsExactly("0");

        // The same events over HTTP into this test's own server, then the graphs compared node by node.
        ServerClient http = new ServerClient(server.getURI());
        for (int from = 0; from < EVENTS; from += 1_000) {
            HttpResponse<String> response =
                    http.post("/api/v1/lineage", "[" + String.join(",", events.subList(from, from + 1_000)) + "]");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        Replica again = start("a-again");
        Awaitility.await()
                .atMost(START)
                .until(() -> health(again).path("status").asText().equals("UP"));
        for (int job = 0; job < JOBS; job += 97) {
            String node = "dataset:ns:" + output(job);
            TreeSet<String> expected = lineage(http, node);
            assertThat(expected).as(node).hasSizeGreaterThan(2);
            assertThat(lineage(client(second), node))
                    .as("the survivor's graph of " + node)
                    .isEqualTo(expected);
            assertThat(lineage(client(again), node))
                    .as("the restarted replica's graph of " + node)
                    .isEqualTo(expected);
        }
    }

    /** A replica process and its HTTP port. */
    private record Replica(Process process, int port) {}

    private Replica start(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = replicaDatabase.get("datasources.default.url");
        String schema = replicaDatabase.get("flyway.datasources.default.schemas");
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(
                java,
                "-Xmx512m",
                "-Dflyway.datasources.default.schemas=" + schema,
                "-Dflyway.datasources.default.create-schemas=true",
                "-jar",
                JAR.toString());
        Map<String, String> environment = builder.environment();
        environment.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        environment.put("LINEAGE_DB_URL", url);
        environment.put("LINEAGE_DB_USER", replicaDatabase.get("datasources.default.username"));
        environment.put("LINEAGE_DB_PASSWORD", replicaDatabase.get("datasources.default.password"));
        environment.put("LINEAGE_KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        environment.put("LINEAGE_KAFKA_TOPICS", topic);
        environment.put("LINEAGE_KAFKA_GROUP_ID", group);
        // A dead replica's partitions move after this (the broker's least), not after the client's 45 s.
        environment.put("LINEAGE_KAFKA_CLIENT_SESSION_TIMEOUT_MS", "6000");
        environment.put("LINEAGE_KAFKA_CLIENT_HEARTBEAT_INTERVAL_MS", "1000");
        File log = Path.of("target", "kafka-replica-" + name + ".log").toFile();
        builder.redirectErrorStream(true).redirectOutput(log);
        Replica replica = new Replica(builder.start(), port);
        replicas.add(replica.process());
        return replica;
    }

    private static ServerClient client(Replica replica) {
        return new ServerClient(URI.create("http://127.0.0.1:" + replica.port()));
    }

    private static JsonNode health(Replica replica) {
        try {
            return ServerClient.json(client(replica).get("/health").body());
        } catch (RuntimeException notUp) {
            return ServerClient.json("{}");
        }
    }

    private static List<String> partitions(Replica replica) {
        List<String> partitions = new ArrayList<>();
        health(replica)
                .path("details")
                .path("kafka")
                .path("details")
                .path("partitions")
                .forEach(partition -> partitions.add(partition.asText()));
        return partitions;
    }

    private long stored() {
        return Long.parseLong(TestingDatabase.query(
                        replicaDatabase, "SELECT count(*) FROM lineage_events WHERE projected_at IS NOT NULL")
                .get(0));
    }

    /** The node ids of a dataset's lineage, two steps each way. */
    private static TreeSet<String> lineage(ServerClient client, String node) {
        TreeSet<String> ids = new TreeSet<>();
        client.lineage(node, "&depth=2")
                .path("graph")
                .forEach(entry -> ids.add(entry.path("id").asText()));
        return ids;
    }

    /**
     * One COMPLETE per run, {@link #EVENTS} runs of {@link #JOBS} jobs: job {@code j} reads a source and the output of
     * job {@code j - 1}, and writes its own output.
     */
    private static List<String> events() {
        List<String> events = new ArrayList<>(EVENTS);
        for (int index = 0; index < EVENTS; index++) {
            int job = index % JOBS;
            String datasets = "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"source_" + (job % 50)
                    + "\"}, {\"namespace\": \"ns\", \"name\": \"" + output((job + JOBS - 1) % JOBS)
                    + "\"}], \"outputs\": [{\"namespace\": \"ns\", \"name\": \"" + output(job) + "\"}]";
            events.add(TestEvents.runEventJson(UUID.randomUUID(), "COMPLETE", job(job), datasets));
        }
        return events;
    }

    private static String job(int job) {
        return "replicated_job_" + job;
    }

    private static String output(int job) {
        return "replicated_" + job;
    }

    /** As OpenLineage's Kafka transport writes them: keyed by job, so one job's runs share a partition. */
    private void produce(List<String> events) throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (int index = 0; index < events.size(); index++) {
                byte[] key = ("run:ns/" + job(index % JOBS)).getBytes(StandardCharsets.UTF_8);
                sent.add(producer.send(
                        new ProducerRecord<>(topic, key, events.get(index).getBytes(StandardCharsets.UTF_8))));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> each : sent) {
            each.get(30, TimeUnit.SECONDS);
        }
    }
}
