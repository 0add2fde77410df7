package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.MapFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * OpenLineage events from Kafka ({@code lineage.kafka.*}): off unless {@code bootstrap-servers} is set.
 *
 * @param bootstrapServers the brokers, {@code host:port,...}; empty turns the consumer off
 * @param topics the topics of OpenLineage events, one JSON event per message; a dead letter goes to {@code
 *     <topic>.dlq}
 * @param trinoTopics the topics of Trino's Kafka event listener (its created and completed topics), whose messages
 *     wrap Trino's query events; read like the HTTP listener's events; none by default
 * @param groupId the consumer group every replica joins, so that they share the topics' partitions
 * @param maxPollRecords the most messages one poll takes, and so the most events one write takes; by default a whole
 *     group of the group commit (1,000 events), so that the polls of two consumer threads are written side by side
 *     (a second write starts only beside a whole group): 500 drained a backlog about 30 % slower
 * @param retryInterval how long the consumer pauses before it tries again when the database is unavailable
 * @param consumers how many consumer threads a server runs, each with a consumer of its own in the group (so at most
 *     as many as the topics have partitions do work); two write two polls at once
 * @param client Apache Kafka client properties given to the consumer and the dead-letter producer as they are, e.g.
 *     {@code security.protocol}, {@code ssl.*}, {@code sasl.*}, {@code session.timeout.ms}; each client takes those it
 *     knows. Not those the server sets for its guarantees ({@link #RESERVED})
 */
@ConfigurationProperties("lineage.kafka")
public record KafkaConfig(
        Optional<String> bootstrapServers,
        @Bindable(defaultValue = "openlineage") List<String> topics,
        @Bindable(defaultValue = "") List<String> trinoTopics,
        @Bindable(defaultValue = "lineage-server") String groupId,
        @Bindable(defaultValue = "1000") int maxPollRecords,
        @Bindable(defaultValue = "5s") Duration retryInterval,
        @Bindable(defaultValue = "2") int consumers,
        @Nullable @MapFormat(transformation = MapFormat.MapTransformation.FLAT) Map<String, String> client) {
    /**
     * Client properties set by the server, with settings of their own or fixed: offsets are committed by hand after
     * the events are durable, and messages are bytes.
     */
    public static final Set<String> RESERVED = Set.of(
            "bootstrap.servers",
            "group.id",
            "enable.auto.commit",
            "max.poll.records",
            "key.deserializer",
            "value.deserializer",
            "key.serializer",
            "value.serializer");

    public KafkaConfig {
        bootstrapServers = bootstrapServers == null
                ? Optional.empty()
                : bootstrapServers.map(String::strip).filter(servers -> !servers.isEmpty());
        requireNonNull(groupId, "groupId is null");
        requireNonNull(retryInterval, "retryInterval is null");
        topics = names("topics", topics);
        trinoTopics = names("trino-topics", trinoTopics);
        if (topics.isEmpty() && trinoTopics.isEmpty()) {
            throw new IllegalArgumentException("lineage.kafka.topics and trino-topics name no topic");
        }
        List<String> both = topics.stream().filter(trinoTopics::contains).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(
                    "a topic holds OpenLineage events (lineage.kafka.topics) or Trino's (trino-topics), not both: "
                            + both);
        }
        client = client == null ? Map.of() : Map.copyOf(client);
        List<String> reserved = client.keySet().stream()
                .filter(key -> RESERVED.contains(key.replace('-', '.')))
                .sorted()
                .toList();
        if (!reserved.isEmpty()) {
            throw new IllegalArgumentException("lineage.kafka.client must not set " + reserved
                    + ": the server sets them (bootstrap-servers, group-id and max-poll-records have settings of their"
                    + " own)");
        }
        if (groupId.isBlank()) {
            throw new IllegalArgumentException("lineage.kafka.group-id must not be blank");
        }
        if (maxPollRecords < 1) {
            throw new IllegalArgumentException("lineage.kafka.max-poll-records must be at least 1: " + maxPollRecords);
        }
        if (consumers < 1) {
            throw new IllegalArgumentException("lineage.kafka.consumers must be at least 1: " + consumers);
        }
        if (retryInterval.isNegative() || retryInterval.isZero()) {
            throw new IllegalArgumentException("lineage.kafka.retry-interval must be positive: " + retryInterval);
        }
    }

    /** The topics, stripped of blanks; none may be a dead-letter topic. */
    private static List<String> names(String setting, List<String> topics) {
        List<String> names = topics == null
                ? List.of()
                : topics.stream()
                        .map(String::strip)
                        .filter(topic -> !topic.isEmpty())
                        .toList();
        if (names.stream().anyMatch(topic -> topic.endsWith(".dlq"))) {
            throw new IllegalArgumentException(
                    "lineage.kafka." + setting + " must not name a dead-letter topic (*.dlq): " + names);
        }
        return names;
    }

    /** Every topic the consumer reads: the OpenLineage topics, then Trino's. */
    public List<String> allTopics() {
        List<String> all = new ArrayList<>(topics);
        all.addAll(trinoTopics);
        return List.copyOf(all);
    }

    /** Whether the consumer runs: {@code bootstrap-servers} is set. */
    public boolean enabled() {
        return bootstrapServers.isPresent();
    }
}
