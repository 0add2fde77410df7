package lineage.server.kafka;

import static lineage.server.testing.TestingKafka.header;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TestingKafka;
import lineage.server.testing.TestingTrino;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Trino's query log from Kafka ({@code lineage.kafka.trino-topics}), on a real broker ({@link TestingKafka}): the
 * messages a real Trino 476's Kafka event listener wrote for the jaffle-mesh statements ({@code
 * fixtures/trino/476/kafka}, some with fields excluded, one pair whole) give the lineage the HTTP listener's events
 * give, and are the HTTP listener's events (posting their payloads changes nothing); messages that are not the
 * listener's go to the dead-letter topic with their reason, the good ones after them still ingested; and the real
 * Trino that {@code .ci/run} starts ({@link TestingTrino}), whose Kafka listener writes to the same broker, feeds the
 * server a statement run here.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrinoKafkaIT implements TestPropertyProvider {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String FIXTURES = "/fixtures/trino/476/kafka/";
    private static final int QUERIES = 17;
    /** The namespace the captured events name: the coordinator's address in their {@code metadata.uri}. */
    private static final String CAPTURED = "trino://127.0.0.1:8085";
    /** The topics the Trino of {@code deploy/local} writes to with {@code KAFKA_BROKERS} set. */
    private static final List<String> LIVE_TOPICS = List.of("trino-query-created", "trino-query-completed");

    private final String created = TestingKafka.name("trino-created");
    private final String completed = TestingKafka.name("trino-completed");
    private final String group = TestingKafka.name("lineage-trino-it");
    private String bootstrap;
    private Map<String, String> database;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        bootstrap = TestingKafka.bootstrapServers();
        database = TestingDatabase.properties();
        Map<String, String> properties = new HashMap<>(database);
        List<String> trinoTopics = new ArrayList<>(List.of(created, completed));
        trinoTopics.addAll(LIVE_TOPICS);
        properties.put("lineage.kafka.bootstrap-servers", bootstrap);
        properties.put("lineage.kafka.topics", TestingKafka.name("openlineage-unused"));
        properties.put("lineage.kafka.trino-topics", String.join(",", trinoTopics));
        properties.put("lineage.kafka.group-id", group);
        properties.put("lineage.kafka.retry-interval", "1s");
        return properties;
    }

    @Test
    @Order(1)
    void theListenersMessagesGiveTheLineageOfTheQueries() throws Exception {
        List<ProducerRecord<byte[], byte[]>> messages = new ArrayList<>();
        for (int query = 1; query <= QUERIES; query++) {
            messages.add(message(created, fixture(String.format("%02d-created.json", query))));
            messages.add(message(completed, fixture(String.format("%02d-completed.json", query))));
        }
        messages.add(message(created, fixture("full-created.json")));
        messages.add(message(completed, fixture("full-completed.json")));
        produce(messages);

        ServerClient client = client();
        String dimCustomers = "dataset:" + CAPTURED + ":insights.default.dim_customers";
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(
                        client.lineage(dimCustomers, "&direction=upstream&depth=1")
                                .path("graph")
                                .findValuesAsText("id"))
                .contains(
                        "dataset:" + CAPTURED + ":insights.default.stg_customers",
                        "dataset:" + CAPTURED + ":insights.default.customer_orders",
                        "dataset:" + CAPTURED + ":insights.default.customer_payments"));
        Awaitility.await().atMost(WAIT).until(() -> storedEvents() == 2L * (QUERIES + 1));

        // The MERGE read the table it wrote, and its fact table.
        JsonNode summary = client.lineage(
                "dataset:" + CAPTURED + ":insights.default.daily_order_summary", "&direction=upstream&depth=2");
        assertThat(summary.path("graph").findValuesAsText("id"))
                .contains(
                        "dataset:" + CAPTURED + ":insights.default.fct_orders",
                        "dataset:" + CAPTURED + ":ordersdb.public.orders",
                        "dataset:" + CAPTURED + ":paymentsdb.public.payments");
        // Column lineage from the engine's ioMetadata, with plans and statistics left out of the messages.
        JsonNode columns = ServerClient.json(client.get("/api/v1/column-lineage?nodeId="
                        + "datasetField:" + CAPTURED + ":insights.default.dim_customers:first_name"
                        + "&depth=1&edges=flow")
                .body());
        assertThat(columns.path("graph").findValuesAsText("id"))
                .contains("datasetField:" + CAPTURED + ":insights.default.stg_customers:first_name");
        // The two failed statements are failed runs.
        assertThat(failedRuns()).isEqualTo(2);

        // The payloads are the HTTP listener's events: posting them stores nothing new.
        for (int query = 1; query <= QUERIES; query++) {
            for (String kind : List.of("created", "completed")) {
                JsonNode payload = ServerClient.json(
                                new String(fixture(String.format("%02d-%s.json", query, kind)), StandardCharsets.UTF_8))
                        .path("eventPayload");
                HttpResponse<String> response = client.post("/api/v1/trino/events", payload.toString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        }
        assertThat(storedEvents()).isEqualTo(2L * (QUERIES + 1));
    }

    @Test
    @Order(2)
    void messagesThatAreNotTheListenersGoToTheDeadLetterTopicAndTheRestIsIngested() throws Exception {
        byte[] good = fixture("full-completed.json");
        String notWrapped = new String(fixture("05-completed.json"), StandardCharsets.UTF_8);
        String unwrapped = ServerClient.json(notWrapped).path("eventPayload").toString();
        String notAQueryEvent = "{\"eventPayload\": {\"hello\": \"world\"}, \"eventMetadata\": {}}";
        produce(List.of(
                message(completed, new byte[] {(byte) 0xff, 0x00, 0x7b}),
                message(completed, unwrapped.getBytes(StandardCharsets.UTF_8)),
                message(completed, notAQueryEvent.getBytes(StandardCharsets.UTF_8)),
                message(completed, good)));

        List<ConsumerRecord<byte[], byte[]>> deadLetters = read(DeadLetters.topic(completed), 3);
        assertThat(deadLetters)
                .extracting(letter -> ServerClient.json(header(letter, DeadLetters.PROBLEM))
                        .path("code")
                        .asText())
                .containsExactly("MALFORMED_JSON", "INVALID_TRINO_EVENT", "INVALID_TRINO_EVENT");
        assertThat(ServerClient.json(header(deadLetters.get(1), DeadLetters.PROBLEM))
                        .path("errors")
                        .findValuesAsText("field"))
                .containsExactly("eventPayload");
        assertThat(deadLetters)
                .extracting(letter -> header(letter, DeadLetters.SOURCE_OFFSET))
                .containsExactly(String.valueOf(QUERIES + 1), String.valueOf(QUERIES + 2), String.valueOf(QUERIES + 3));
        // The good message after them was read: it was stored before (test 1), so the log holds what it held.
        awaitEndOfPartition(completed, QUERIES + 5);
        assertThat(storedEvents()).isEqualTo(2L * (QUERIES + 1));
    }

    @Test
    @Order(3)
    void theRealTrinosKafkaListenerFeedsTheServer() throws Exception {
        String table = "kafka_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "CREATE SCHEMA IF NOT EXISTS insights.default");
            TestingTrino.execute(
                    connection,
                    "CREATE TABLE insights.default." + table
                            + " AS SELECT id, first_name FROM customersdb.public.customers");
        }
        ServerClient client = client();
        Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            HttpResponse<String> search = client.get("/api/v1/search?q=" + table);
            assertThat(search.statusCode()).isEqualTo(200);
            JsonNode results = ServerClient.json(search.body()).path("results");
            assertThat(results.findValuesAsText("name")).contains("insights.default." + table);
            String namespace = results.get(0).path("namespace").asText();
            assertThat(client.lineage("dataset:" + namespace + ":insights.default." + table, "&direction=upstream")
                            .path("graph")
                            .findValuesAsText("id"))
                    .contains("dataset:" + namespace + ":customersdb.public.customers");
        });
        try (Connection connection = TestingTrino.connect("insights", "default")) {
            TestingTrino.execute(connection, "DROP TABLE insights.default." + table);
        }
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    /** How many of the captured queries' events the log holds (the live topics bring others too). */
    private long storedEvents() {
        return count(
                "SELECT count(*) FROM lineage_events WHERE event_kind = 'TRINO' AND payload->'metadata'->>'queryId'"
                        + " IN (" + capturedQueryIds() + ")");
    }

    /** How many of the captured queries' runs failed. */
    private long failedRuns() {
        return count("SELECT count(*) FROM runs WHERE state = 'FAILED' AND id IN (SELECT run_id FROM lineage_events"
                + " WHERE payload->'metadata'->>'queryId' IN (" + capturedQueryIds() + "))");
    }

    private long count(String sql) {
        return Long.parseLong(TestingDatabase.query(database, sql).get(0));
    }

    private static String capturedQueryIds() {
        List<String> ids = new ArrayList<>();
        for (int query = 1; query <= QUERIES; query++) {
            ids.add(queryId(String.format("%02d-completed.json", query)));
        }
        ids.add(queryId("full-completed.json"));
        return String.join(",", ids.stream().map(id -> "'" + id + "'").toList());
    }

    private static String queryId(String fixture) {
        return ServerClient.json(new String(fixture(fixture), StandardCharsets.UTF_8))
                .path("eventPayload")
                .path("metadata")
                .path("queryId")
                .asText();
    }

    private static byte[] fixture(String name) {
        try (InputStream in = TrinoKafkaIT.class.getResourceAsStream(FIXTURES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** A message as Trino's Kafka listener writes it: no key, the JSON as its value. */
    private static ProducerRecord<byte[], byte[]> message(String topic, byte[] value) {
        return new ProducerRecord<>(topic, null, value);
    }

    private void produce(List<ProducerRecord<byte[], byte[]>> messages) throws Exception {
        Map<String, Object> properties = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                1_048_576,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties)) {
            for (ProducerRecord<byte[], byte[]> message : messages) {
                producer.send(message).get(30, TimeUnit.SECONDS);
            }
        }
    }

    private List<ConsumerRecord<byte[], byte[]>> read(String topic, int count) {
        return TestingKafka.read(bootstrap, topic, count, WAIT);
    }

    /** Waits until the server's group has committed the partition's offset {@code offset}: it read everything before. */
    private void awaitEndOfPartition(String topic, long offset) {
        TestingKafka.awaitCommitted(bootstrap, group, topic, offset, WAIT);
    }
}
