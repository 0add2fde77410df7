package lineage.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.awaitility.Awaitility;

/**
 * The real Kafka broker the integration tests that want one share: its bootstrap servers in {@code
 * LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS} ({@code deploy/local/kafka-stack.sh} starts one; {@code .ci/run} sets it).
 * Without it such a test is skipped, except in CI ({@code CI=true}), where it fails. Tests share the broker, so each
 * names its own topics and consumer groups ({@link #name}).
 */
public final class TestingKafka {
    private TestingKafka() {}

    /** The bootstrap servers, or the test is skipped (outside CI) or fails (in CI). */
    public static String bootstrapServers() {
        String servers = System.getenv("LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS");
        boolean set = servers != null && !servers.isBlank();
        if (!set && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("CI must name its Kafka broker in LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS");
        }
        assumeTrue(set, "LINEAGE_TEST_KAFKA_BOOTSTRAP_SERVERS is not set: no real Kafka broker to test against");
        return servers.strip();
    }

    /** A topic or group name no other test (or earlier run against the same broker) uses: {@code prefix-<random>}. */
    public static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The first {@code count} messages of a topic's one partition, waiting up to {@code wait} for them. */
    public static List<ConsumerRecord<byte[], byte[]>> read(String bootstrap, String topic, int count, Duration wait) {
        Map<String, Object> properties = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                2_097_152,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> messages = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            Awaitility.await().atMost(wait).until(() -> !consumer.partitionsFor(topic)
                    .isEmpty());
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            Awaitility.await().atMost(wait).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(messages::add);
                return messages.size() >= count;
            });
        }
        return messages.subList(0, count);
    }

    /** Waits up to {@code wait} until {@code group} has committed {@code offset} on the topic's one partition. */
    public static void awaitCommitted(String bootstrap, String group, String topic, long offset, Duration wait) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = admin(bootstrap)) {
            Awaitility.await().atMost(wait).untilAsserted(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata()
                        .get(30, TimeUnit.SECONDS)
                        .get(partition);
                assertThat(committed).isNotNull();
                assertThat(committed.offset()).isEqualTo(offset);
            });
        }
    }

    public static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** A message's header as text; fails when it has none of that name. */
    public static String header(ConsumerRecord<byte[], byte[]> message, String name) {
        Header header = message.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
