package lineage.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;

/**
 * {@link KafkaConfig}: off with its defaults, every key of {@code application.yml} mapping onto it, and the values it
 * refuses.
 */
class KafkaConfigIT {
    @Test
    void isOffWithItsDefaults() {
        try (ApplicationContext context =
                ApplicationContext.run(new HashMap<String, Object>(TestingDatabase.properties()))) {
            KafkaConfig config = context.getBean(KafkaConfig.class);
            assertThat(config.enabled()).isFalse();
            assertThat(config.bootstrapServers()).isEmpty();
            assertThat(config.topics()).containsExactly("openlineage");
            assertThat(config.trinoTopics()).isEmpty();
            assertThat(config.groupId()).isEqualTo("lineage-server");
            assertThat(config.maxPollRecords()).isEqualTo(1000);
            assertThat(config.retryInterval()).isEqualTo(Duration.ofSeconds(5));
            assertThat(config.consumers()).isEqualTo(2);
        }
    }

    @Test
    void mapsItsKeys() {
        Map<String, Object> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.kafka.bootstrap-servers", " broker-1:9092,broker-2:9092 ");
        properties.put("lineage.kafka.topics", "openlineage,spark-lineage");
        properties.put("lineage.kafka.trino-topics", "trino-query-created, trino-query-completed");
        properties.put("lineage.kafka.group-id", "lineage-prod");
        properties.put("lineage.kafka.max-poll-records", "100");
        properties.put("lineage.kafka.retry-interval", "30s");
        properties.put("lineage.kafka.client.security.protocol", "SASL_SSL");
        properties.put("lineage.kafka.client.session.timeout.ms", "10000");
        // The consumer must not start in this test: there is no broker, and no server starts either.
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            KafkaConfig config = context.getBean(KafkaConfig.class);
            assertThat(config.enabled()).isTrue();
            assertThat(config.bootstrapServers()).contains("broker-1:9092,broker-2:9092");
            assertThat(config.topics()).containsExactly("openlineage", "spark-lineage");
            assertThat(config.trinoTopics()).containsExactly("trino-query-created", "trino-query-completed");
            assertThat(config.allTopics())
                    .containsExactly("openlineage", "spark-lineage", "trino-query-created", "trino-query-completed");
            assertThat(config.groupId()).isEqualTo("lineage-prod");
            assertThat(config.maxPollRecords()).isEqualTo(100);
            assertThat(config.retryInterval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(config.client())
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("session.timeout.ms", "10000");
        }
    }

    @Test
    void refusesWhatCannotWork() {
        Optional<String> servers = Optional.of("broker:9092");
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new KafkaConfig(servers, List.of(" "), List.of(), "group", 500, second, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.topics and trino-topics name no topic");
        assertThatThrownBy(() -> new KafkaConfig(
                        servers,
                        List.of("openlineage"),
                        List.of("trino-query-completed.dlq"),
                        "group",
                        500,
                        second,
                        2,
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.trino-topics must not name a dead-letter topic (*.dlq):"
                        + " [trino-query-completed.dlq]");
        assertThatThrownBy(() -> new KafkaConfig(
                        servers, List.of("events", "trino"), List.of("trino"), "group", 500, second, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a topic holds OpenLineage events (lineage.kafka.topics) or Trino's (trino-topics), not"
                        + " both: [trino]");
        assertThatThrownBy(() -> new KafkaConfig(
                        servers, List.of("openlineage.dlq"), List.of(), "group", 500, second, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.topics must not name a dead-letter topic (*.dlq): [openlineage.dlq]");
        assertThatThrownBy(() -> new KafkaConfig(
                        servers,
                        List.of("openlineage"),
                        List.of(),
                        "group",
                        500,
                        second,
                        2,
                        Map.of("enable.auto.commit", "true")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lineage.kafka.client must not set [enable.auto.commit]");
        assertThatThrownBy(() ->
                        new KafkaConfig(servers, List.of("openlineage"), List.of(), "group", 500, second, 0, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.consumers must be at least 1: 0");
        assertThatThrownBy(() ->
                        new KafkaConfig(servers, List.of("openlineage"), List.of(), " ", 500, second, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.group-id must not be blank");
        assertThatThrownBy(() ->
                        new KafkaConfig(servers, List.of("openlineage"), List.of(), "group", 0, second, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.max-poll-records must be at least 1: 0");
        assertThatThrownBy(() -> new KafkaConfig(
                        servers, List.of("openlineage"), List.of(), "group", 500, Duration.ZERO, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lineage.kafka.retry-interval must be positive: PT0S");
        assertThat(new KafkaConfig(
                                Optional.of("  "), List.of("openlineage"), List.of(), "group", 500, second, 2, Map.of())
                        .enabled())
                .isFalse();
    }
}
