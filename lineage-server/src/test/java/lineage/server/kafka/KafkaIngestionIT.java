package lineage.server.kafka;

import static lineage.server.testing.TestingKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClient;
import io.openlineage.client.transports.KafkaConfig;
import io.openlineage.client.transports.KafkaTransport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestEvents;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TestingKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * OpenLineage events from a real Kafka broker ({@link TestingKafka}): written by the official openlineage-java client's
 * Kafka transport, read back through the HTTP API; bad messages between good ones go to {@code <topic>.dlq} with their
 * reason while the good ones are stored in order; and reading the topics again from the start changes nothing. The
 * topics and the consumer group are this class's own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaIngestionIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MAX_EVENT_BYTES = 8192;

    private final String clientTopic = TestingKafka.name("openlineage-client");
    private final String mixedTopic = TestingKafka.name("openlineage-mixed");
    private final String group = TestingKafka.name("lineage-it");
    private String bootstrap;
    private Map<String, String> database;

    @Inject
    EmbeddedServer server;

    @Inject
    KafkaIngestion ingestion;

    @Override
    public Map<String, String> getProperties() {
        bootstrap = TestingKafka.bootstrapServers();
        database = TestingDatabase.properties();
        Map<String, String> properties = new HashMap<>(database);
        properties.put("lineage.kafka.bootstrap-servers", bootstrap);
        properties.put("lineage.kafka.topics", clientTopic + "," + mixedTopic);
        properties.put("lineage.kafka.group-id", group);
        properties.put("lineage.kafka.retry-interval", "1s");
        properties.put("lineage.max-event-bytes", Integer.toString(MAX_EVENT_BYTES));
        return properties;
    }

    @Test
    @Order(1)
    void eventsOfTheOpenLineageKafkaTransportAreIngested() throws Exception {
        UUID runId = UUID.randomUUID();
        try (OpenLineageClient client = new OpenLineageClient(new KafkaTransport(transportConfig()))) {
            client.emit(TestEvents.clientRunEvent(
                    runId, OpenLineage.RunEvent.EventType.START, "daily_orders", List.of("orders"), List.of()));
            client.emit(TestEvents.clientRunEvent(
                    runId,
                    OpenLineage.RunEvent.EventType.COMPLETE,
                    "daily_orders",
                    List.of("orders"),
                    List.of("daily_order_counts")));
        }

        ServerClient http = client();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                        ServerClient.json(http.get("/api/v1/jobs/runs/" + runId).body())
                                .path("state")
                                .asText())
                .isEqualTo("COMPLETED"));
        JsonNode lineage = http.lineage("dataset:trino://trino:8080:daily_order_counts", "&direction=upstream");
        assertThat(lineage.path("graph").findValuesAsText("id"))
                .contains("job:etl:daily_orders", "dataset:trino://trino:8080:orders");
        // The transport's key, which the server reads past: run:<job namespace>/<job name>.
        assertThat(read(clientTopic, 2))
                .extracting(message -> new String(message.key(), StandardCharsets.UTF_8))
                .containsOnly("run:etl/daily_orders");
    }

    @Test
    @Order(2)
    void badMessagesGoToTheDeadLetterTopicWithTheirReasonAndGoodOnesAreStoredInOrder() throws Exception {
        UUID runId = UUID.randomUUID();
        String oversized = "{\"padding\": \"" + "x".repeat(MAX_EVENT_BYTES) + "\"}";
        String notAnEvent = "{\"hello\": \"world\"}";
        String poison = TestEvents.runEventJson(UUID.randomUUID(), "START", "poison", "\"inputs\": []")
                .replaceFirst("\"runId\": \"[^\"]+\"", "\"runId\": \"not-a-uuid\"");
        List<byte[]> messages = List.of(
                utf8(event(runId, "START", "2026-11-23T10:00:00Z")),
                new byte[] {(byte) 0xff, 0x00, 0x7b, 0x13},
                utf8(notAnEvent),
                utf8(event(runId, "RUNNING", "2026-11-23T10:01:00Z")),
                utf8(poison),
                utf8(oversized),
                utf8(event(runId, "COMPLETE", "2026-11-23T10:02:00Z")));
        produce(mixedTopic, messages);

        List<ConsumerRecord<byte[], byte[]>> deadLetters = read(DeadLetters.topic(mixedTopic), 4);
        assertThat(deadLetters)
                .extracting(letter -> header(letter, DeadLetters.SOURCE_OFFSET))
                .containsExactly("1", "2", "4", "5");
        assertThat(deadLetters)
                .extracting(letter -> ServerClient.json(header(letter, DeadLetters.PROBLEM))
                        .path("code")
                        .asText())
                .containsExactly("MALFORMED_JSON", "INVALID_EVENT", "INVALID_EVENT", "PAYLOAD_TOO_LARGE");
        JsonNode poisonProblem = ServerClient.json(header(deadLetters.get(2), DeadLetters.PROBLEM));
        assertThat(poisonProblem.path("status").asInt()).isEqualTo(422);
        assertThat(poisonProblem.path("errors").findValuesAsText("field")).contains("run.runId");
        assertThat(deadLetters.get(1).value()).isEqualTo(utf8(notAnEvent));
        assertThat(deadLetters.get(3).value()).isNull();
        assertThat(header(deadLetters.get(3), DeadLetters.PAYLOAD_OMITTED)).isEqualTo("true");
        assertThat(header(deadLetters.get(0), DeadLetters.SOURCE_TOPIC)).isEqualTo(mixedTopic);

        // One write stores its events in the log in the order of their hashes (EventLogStore), so the log's ids do not
        // show the messages' order; the run's end state does: the COMPLETE, last on the partition, ended it.
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(eventTypes(runId))
                .containsExactlyInAnyOrder("START", "RUNNING", "COMPLETE"));
        assertThat(ServerClient.json(client().get("/api/v1/jobs/runs/" + runId).body())
                        .path("state")
                        .asText())
                .isEqualTo("COMPLETED");
    }

    @Test
    @Order(3)
    void readingTheTopicsAgainFromTheStartChangesNothing() throws Exception {
        awaitCommitted(clientTopic, 2);
        awaitCommitted(mixedTopic, 7);
        List<String> before = TestingDatabase.query(database, "SELECT event_hash FROM lineage_events ORDER BY id");
        String lineageBefore = client().lineage("dataset:trino://trino:8080:daily_order_counts", "")
                .toString();

        ingestion.stop();
        try (Admin admin = admin()) {
            admin.alterConsumerGroupOffsets(
                            group,
                            Map.of(
                                    new TopicPartition(clientTopic, 0), new OffsetAndMetadata(0),
                                    new TopicPartition(mixedTopic, 0), new OffsetAndMetadata(0)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
        }
        ingestion.start();

        // All of it read again: the dead letters are sent again (at least once), the events change nothing.
        assertThat(read(DeadLetters.topic(mixedTopic), 8).subList(4, 8))
                .extracting(letter -> header(letter, DeadLetters.SOURCE_OFFSET))
                .containsExactly("1", "2", "4", "5");
        awaitCommitted(clientTopic, 2);
        awaitCommitted(mixedTopic, 7);
        assertThat(TestingDatabase.query(database, "SELECT event_hash FROM lineage_events ORDER BY id"))
                .isEqualTo(before);
        assertThat(client().lineage("dataset:trino://trino:8080:daily_order_counts", "")
                        .toString())
                .isEqualTo(lineageBefore);
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private KafkaConfig transportConfig() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return new KafkaConfig(clientTopic, null, properties);
    }

    private static String event(UUID runId, String type, String time) {
        return TestEvents.runEventJson(runId, type, "kafka_orders", "\"inputs\": [], \"outputs\": []")
                .replace("2026-11-23T10:00:00Z", time);
    }

    private List<String> eventTypes(UUID runId) {
        return TestingDatabase.query(
                database, "SELECT event_type FROM lineage_events WHERE run_id = '" + runId + "' ORDER BY id");
    }

    private void produce(String topic, List<byte[]> values) throws Exception {
        Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (byte[] value : values) {
                producer.send(new ProducerRecord<>(topic, utf8("run:ns/kafka_orders"), value))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        return TestingKafka.read(bootstrap, topic, count, WAIT);
    }

    private void awaitCommitted(String topic, long offset) {
        TestingKafka.awaitCommitted(bootstrap, group, topic, offset, WAIT);
    }

    private Admin admin() {
        return TestingKafka.admin(bootstrap);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
