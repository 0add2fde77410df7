package lineage.server.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lineage.server.testing.OwnPostgres;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TestingKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Kafka consumer while its database is stopped and started again: it pauses, reads the same messages again until
 * the database is back, dead-letters none of them and loses none; {@code /health} shows the consumer, its partition
 * and the pause; {@code /prometheus} the pauses, the messages read again and the consumer's lag per partition. The
 * test runs a PostgreSQL of its own (own data directory and port), never the shared one, and a topic of its own on the
 * shared broker ({@link TestingKafka}).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaDatabaseLossIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Micrometer's Kafka binder looks for new client metrics (a partition's lag) once a minute. */
    private static final Duration METRICS_REFRESH = Duration.ofSeconds(90);

    private static final int EVENTS = 20;

    private final String topic = TestingKafka.name("openlineage-outage");
    private String bootstrap;
    private OwnPostgres postgres;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        bootstrap = TestingKafka.bootstrapServers();
        postgres = new OwnPostgres("lineage-kafka-outage");
        Map<String, String> properties = new HashMap<>(postgres.properties());
        properties.put("lineage.kafka.bootstrap-servers", bootstrap);
        properties.put("lineage.kafka.topics", topic);
        properties.put("lineage.kafka.group-id", TestingKafka.name("lineage-outage-it"));
        properties.put("lineage.kafka.retry-interval", "1s");
        return properties;
    }

    @AfterAll
    void stopDatabase() {
        postgres.close();
    }

    @Test
    void theConsumerPausesWhileTheDatabaseIsDownAndLosesNothing() throws Exception {
        ServerClient client = new ServerClient(server.getURI());
        List<UUID> before = produce(EVENTS);
        Awaitility.await().atMost(WAIT).until(() -> stored(before));
        JsonNode health = kafkaHealth(client);
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(texts(health.path("details").path("partitions"))).containsExactly(topic + "-0");
        assertThat(health.path("details").path("paused").asBoolean()).isFalse();
        assertThat(health.path("details").path("brokerConnections").asInt()).isPositive();

        postgres.stop();
        List<UUID> during = produce(EVENTS);
        Awaitility.await().atMost(WAIT).until(() -> metric(client, "lineage_kafka_pauses_total", "") >= 2);
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> kafkaHealth(client).path("details").path("paused").asBoolean());

        postgres.start();
        Awaitility.await().atMost(WAIT).until(() -> stored(during));
        assertThat(metric(client, "lineage_kafka_redelivered_total", "topic=\"" + topic + "\""))
                .as("the messages read again after each pause")
                .isGreaterThanOrEqualTo(EVENTS);
        assertThat(metric(client, "lineage_kafka_messages_total", "result=\"dead_lettered\",topic=\"" + topic + "\""))
                .as("nothing dead-lettered because of the outage")
                .isZero();
        assertThat(metric(client, "lineage_kafka_messages_total", "result=\"ingested\",topic=\"" + topic + "\""))
                .isEqualTo(2 * EVENTS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).doesNotContain(DeadLetters.topic(topic));
        }
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> !kafkaHealth(client).path("details").path("paused").asBoolean());
        // The consumer's own metrics, the lag of its partition among them: nothing left to read.
        Awaitility.await().atMost(METRICS_REFRESH).until(() -> samples(
                        client, "kafka_consumer_fetch_manager_records_lag", "topic=\"" + topic + "\"")
                .equals(List.of(0.0)));
    }

    private List<UUID> produce(int count) throws Exception {
        Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        List<UUID> runIds = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (int index = 0; index < count; index++) {
                UUID runId = UUID.randomUUID();
                runIds.add(runId);
                String event = TestEvents.runEventJson(
                        runId,
                        "COMPLETE",
                        "outage_job",
                        "\"inputs\": [{\"namespace\": \"ns\", \"name\": \"in\"}], \"outputs\": [{\"namespace\": \"ns\","
                                + " \"name\": \"out_" + index + "\"}]");
                producer.send(new ProducerRecord<>(
                                topic,
                                "run:etl/outage_job".getBytes(StandardCharsets.UTF_8),
                                event.getBytes(StandardCharsets.UTF_8)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        return runIds;
    }

    /** Whether every one of the runs' events is stored and projected. */
    private boolean stored(List<UUID> runIds) {
        String ids = String.join(",", runIds.stream().map(id -> "'" + id + "'").toList());
        try {
            return Long.parseLong(TestingDatabase.query(
                                    postgres.properties(),
                                    "SELECT count(*) FROM lineage_events WHERE projected_at IS NOT NULL AND run_id IN ("
                                            + ids + ")")
                            .get(0))
                    == runIds.size();
        } catch (RuntimeException notYet) {
            return false; // the database is still starting
        }
    }

    private static JsonNode kafkaHealth(ServerClient client) {
        return ServerClient.json(client.get("/health").body()).path("details").path("kafka");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }

    /** The sum of a Prometheus metric's samples whose labels contain {@code labels}; 0 when there is none. */
    private static double metric(ServerClient client, String name, String labels) {
        return samples(client, name, labels).stream()
                .mapToDouble(Double::doubleValue)
                .sum();
    }

    /** The values of a Prometheus metric's samples whose labels contain {@code labels}. */
    private static List<Double> samples(ServerClient client, String name, String labels) {
        String text = client.get("/prometheus").body();
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(?:\\{([^}]*)})? (\\S+)$")
                .matcher(text);
        List<Double> values = new ArrayList<>();
        while (sample.find()) {
            String sampleLabels = sample.group(1) == null ? "" : sample.group(1);
            if (sampleLabels.contains(labels)) {
                values.add(Double.parseDouble(sample.group(2)));
            }
        }
        return values;
    }
}
