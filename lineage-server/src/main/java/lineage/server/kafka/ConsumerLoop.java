package lineage.server.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer's thread: poll, ingest, send the dead letters, commit. Offsets are committed only after the events
 * they cover are durable in the database and their dead letters are on the broker (at least once; a redelivered event
 * changes nothing). When the database is unavailable, or anything else fails, the consumer goes back to the first
 * message of the poll, pauses its partitions for the retry interval (polling on, so that it stays in the group) and
 * then reads the same messages again: nothing is skipped and nothing valid is dead-lettered because of an outage.
 */
final class ConsumerLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
    private static final Duration POLL = Duration.ofMillis(500);

    private final Consumer<byte[], byte[]> consumer;
    private final EventBatches batches;
    private final TrinoMessages trinoMessages;
    private final Set<String> trinoTopics;
    private final DeadLetters deadLetters;
    private final KafkaMetrics metrics;
    private final List<String> topics;
    private final Duration retryInterval;
    private volatile boolean running = true;
    private volatile ConsumerState state = ConsumerState.STARTING;
    /** Per partition, the offset after the last message this server read: one below it is read again. */
    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();

    ConsumerLoop(
            Consumer<byte[], byte[]> consumer,
            EventBatches batches,
            TrinoMessages trinoMessages,
            DeadLetters deadLetters,
            KafkaMetrics metrics,
            List<String> topics,
            Set<String> trinoTopics,
            Duration retryInterval) {
        this.consumer = consumer;
        this.batches = batches;
        this.trinoMessages = trinoMessages;
        this.trinoTopics = Set.copyOf(trinoTopics);
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.topics = List.copyOf(topics);
        this.retryInterval = retryInterval;
    }

    /** What the consumer's thread last saw. */
    ConsumerState state() {
        return state;
    }

    /** Asks the loop to stop after the poll or batch at hand; its offsets are committed first when it was handled. */
    void stop() {
        running = false;
    }

    @Override
    public void run() {
        consumer.subscribe(topics);
        LOG.info("Consuming Kafka topics {} (Trino's query events: {})", topics, trinoTopics);
        while (running) {
            ConsumerRecords<byte[], byte[]> polled;
            try {
                polled = consumer.poll(POLL);
            } catch (RuntimeException failure) {
                LOG.error("Polling Kafka topics {} failed; trying again in {}", topics, retryInterval, failure);
                LockSupport.parkNanos(retryInterval.toNanos());
                continue;
            }
            observe(polled);
            if (polled.isEmpty()) {
                continue;
            }
            try {
                if (!handle(polled)) {
                    metrics.paused();
                    LOG.warn(
                            "Database unavailable: {} Kafka messages will be read again in {}",
                            polled.count(),
                            retryInterval);
                    retryLater(polled);
                }
            } catch (RuntimeException failure) {
                LOG.error(
                        "{} Kafka messages could not be handled; reading them again in {}",
                        polled.count(),
                        retryInterval,
                        failure);
                retryLater(polled);
            }
        }
        LOG.info("Stopped consuming Kafka topics {}", topics);
    }

    /** Ingests, dead-letters and commits one poll; false when the database is unavailable (nothing committed). */
    private boolean handle(ConsumerRecords<byte[], byte[]> polled) {
        List<ConsumerRecord<byte[], byte[]>> messages = new ArrayList<>(polled.count());
        List<ConsumerRecord<byte[], byte[]>> openLineage = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> trino = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : polled) {
            messages.add(message);
            (trinoTopics.contains(message.topic()) ? trino : openLineage).add(message);
        }
        List<DeadLetter> letters = new ArrayList<>();
        if (!openLineage.isEmpty()) {
            Optional<List<DeadLetter>> refused = batches.ingest(openLineage);
            if (refused.isEmpty()) {
                return false;
            }
            letters.addAll(refused.get());
        }
        if (!trino.isEmpty()) {
            Optional<List<DeadLetter>> refused = trinoMessages.ingest(trino);
            if (refused.isEmpty()) {
                return false; // the OpenLineage events of the poll are read again too: stored twice changes nothing
            }
            letters.addAll(refused.get());
        }
        deadLetters.send(letters);
        consumer.commitSync(nextOffsets(polled));
        count(messages, letters);
        return true;
    }

    private void count(List<ConsumerRecord<byte[], byte[]>> messages, List<DeadLetter> letters) {
        Map<String, Integer> ingested = new HashMap<>();
        messages.forEach(message -> ingested.merge(message.topic(), 1, Integer::sum));
        for (DeadLetter letter : letters) {
            String topic = letter.message().topic();
            ingested.merge(topic, -1, Integer::sum);
            metrics.deadLettered(topic);
            LOG.warn(
                    "Kafka message {}-{}@{} sent to {}: {}",
                    topic,
                    letter.message().partition(),
                    letter.message().offset(),
                    DeadLetters.topic(topic),
                    letter.reason().getMessage());
        }
        ingested.forEach(metrics::ingested);
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> polled) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
            offsets.put(
                    partition,
                    new OffsetAndMetadata(records.get(records.size() - 1).offset() + 1));
        }
        return offsets;
    }

    /**
     * Back to the first message of the poll on each partition still assigned, then paused for the retry interval while
     * polling goes on (a paused partition yields nothing, and the consumer stays in its group); then resumed.
     */
    private void retryLater(ConsumerRecords<byte[], byte[]> polled) {
        rewind(polled);
        long until = System.nanoTime() + retryInterval.toNanos();
        consumer.pause(consumer.assignment());
        while (running && System.nanoTime() < until) {
            long left = Math.max(1, (until - System.nanoTime()) / 1_000_000);
            ConsumerRecords<byte[], byte[]> meanwhile = consumer.poll(Duration.ofMillis(Math.min(left, 500)));
            observe(meanwhile);
            // Partitions assigned by a rebalance during the pause are not paused: read those messages again later.
            rewind(meanwhile);
            consumer.pause(consumer.assignment());
        }
        consumer.resume(consumer.paused());
    }

    /**
     * Publishes the consumer's state and counts the messages read again: below the offset this server had read up to
     * on their partition (a rewind after a failure, or a partition it had read before a rebalance took it away).
     */
    private void observe(ConsumerRecords<byte[], byte[]> polled) {
        Map<String, Integer> redelivered = new HashMap<>();
        for (TopicPartition partition : polled.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> records = polled.records(partition);
            long seen = readUpTo.getOrDefault(partition, -1L);
            for (ConsumerRecord<byte[], byte[]> message : records) {
                if (message.offset() < seen) {
                    redelivered.merge(partition.topic(), 1, Integer::sum);
                }
            }
            readUpTo.put(
                    partition, Math.max(seen, records.get(records.size() - 1).offset() + 1));
        }
        redelivered.forEach(metrics::redelivered);
        Set<TopicPartition> assigned = consumer.assignment();
        List<String> partitions =
                assigned.stream().map(TopicPartition::toString).sorted().toList();
        boolean paused = !assigned.isEmpty() && consumer.paused().containsAll(assigned);
        state = new ConsumerState(partitions, paused, Optional.of(Instant.now()), connections());
    }

    /** The consumer's open broker connections, from its own metrics. */
    private int connections() {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer.metrics().entrySet()) {
            if (metric.getKey().name().equals("connection-count")
                    && metric.getKey().group().equals("consumer-metrics")
                    && metric.getValue().metricValue() instanceof Number count) {
                return count.intValue();
            }
        }
        return 0;
    }

    private void rewind(ConsumerRecords<byte[], byte[]> polled) {
        Set<TopicPartition> assigned = consumer.assignment();
        for (TopicPartition partition : polled.partitions()) {
            if (assigned.contains(partition)) {
                consumer.seek(partition, polled.records(partition).get(0).offset());
            }
        }
    }
}
