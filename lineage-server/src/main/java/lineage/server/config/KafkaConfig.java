package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * OpenLineage events from Kafka ({@code lineage.kafka.*}): off unless {@code bootstrap-servers} is set.
 *
 * @param bootstrapServers the brokers, {@code host:port,...}; empty turns the consumer off
 * @param topics the topics of OpenLineage events, one JSON event per message; a dead letter goes to {@code
 *     <topic>.dlq}
 * @param groupId the consumer group every replica joins, so that they share the topics' partitions
 * @param maxPollRecords the most messages one poll takes, and so the most events one write takes
 * @param retryInterval how long the consumer pauses before it tries again when the database is unavailable
 */
@ConfigurationProperties("lineage.kafka")
public record KafkaConfig(
        Optional<String> bootstrapServers,
        @Bindable(defaultValue = "openlineage") List<String> topics,
        @Bindable(defaultValue = "lineage-server") String groupId,
        @Bindable(defaultValue = "500") int maxPollRecords,
        @Bindable(defaultValue = "5s") Duration retryInterval) {
    public KafkaConfig {
        bootstrapServers = bootstrapServers == null
                ? Optional.empty()
                : bootstrapServers.map(String::strip).filter(servers -> !servers.isEmpty());
        requireNonNull(topics, "topics is null");
        requireNonNull(groupId, "groupId is null");
        requireNonNull(retryInterval, "retryInterval is null");
        topics = topics.stream()
                .map(String::strip)
                .filter(topic -> !topic.isEmpty())
                .toList();
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("lineage.kafka.topics must name at least one topic");
        }
        if (topics.stream().anyMatch(topic -> topic.endsWith(".dlq"))) {
            throw new IllegalArgumentException(
                    "lineage.kafka.topics must not name a dead-letter topic (*.dlq): " + topics);
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("lineage.kafka.group-id must not be blank");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("lineage.kafka.max-poll-records must be at least 1: " + maxPollRecords);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("lineage.kafka.retry-interval must be positive: " + retryInterval);
        }
    }

    /** Whether the consumer runs: {@code bootstrap-servers} is set. */
    public boolean enabled() {
        return bootstrapServers.isPresent();
    }
}
