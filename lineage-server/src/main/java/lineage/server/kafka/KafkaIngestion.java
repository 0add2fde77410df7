package lineage.server.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lineage.server.config.KafkaConfig;
import lineage.server.config.LineageConfig;
import lineage.server.ingest.EventIngester;
import lineage.server.ingest.IncomingEvents;
import lineage.server.trino.TrinoIngester;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLineage events, and Trino's query events, from Kafka ({@code lineage.kafka.*}): once the server has started, and only when {@code
 * lineage.kafka.bootstrap-servers} is set, one thread consumes the topics in the consumer group that every replica
 * joins ({@link ConsumerLoop}), and stops when the server does.
 */
@Singleton
public class KafkaIngestion {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestion.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final KafkaConfig config;
    private final EventBatches batches;
    private final TrinoMessages trinoMessages;
    private final KafkaMetrics metrics;
    private final MeterRegistry registry;
    private final int maxEventBytes;
    /** The consumer threads while they run; empty when stopped. Guarded by this. */
    private final List<Consumer> consumers = new ArrayList<>();
    /** The dead-letter producer the consumer threads share (a producer is thread-safe). Guarded by this. */
    private KafkaProducer<byte[], byte[]> producer;

    /** One consumer thread: its loop, its thread, and its client's own metrics (lag per partition among them). */
    private record Consumer(ConsumerLoop loop, Thread thread, KafkaClientMetrics clientMetrics) {}

    public KafkaIngestion(
            KafkaConfig config,
            LineageConfig lineage,
            EventIngester ingester,
            IncomingEvents incoming,
            TrinoIngester trino,
            KafkaMetrics metrics,
            MeterRegistry registry) {
        this.config = config;
        this.metrics = metrics;
        this.registry = registry;
        this.maxEventBytes = lineage.maxEventBytes();
        this.batches = new EventBatches(ingester, incoming, maxEventBytes);
        this.trinoMessages = new TrinoMessages(trino, maxEventBytes);
    }

    @EventListener
    void onStartup(ServerStartupEvent started) {
        start();
    }

    /**
     * Starts the consumer threads ({@code lineage.kafka.consumers}) when {@code bootstrap-servers} is set and they do
     * not run yet: each has a consumer of its own in the group, so the topics' partitions are spread over them as over
     * replicas, and two threads write two polls at once, as two HTTP senders' batches are.
     */
    public synchronized void start() {
        if (!config.enabled() || !consumers.isEmpty()) {
            return;
        }
        String servers = config.bootstrapServers().orElseThrow();
        producer = new KafkaProducer<>(producerProperties(servers));
        DeadLetters deadLetters = new DeadLetters(producer);
        for (int index = 0; index < config.consumers(); index++) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(servers));
            ConsumerLoop loop = new ConsumerLoop(
                    consumer,
                    batches,
                    trinoMessages,
                    deadLetters,
                    metrics,
                    config.allTopics(),
                    Set.copyOf(config.trinoTopics()),
                    config.retryInterval());
            KafkaClientMetrics clientMetrics = new KafkaClientMetrics(consumer);
            clientMetrics.bindTo(registry);
            Thread thread = new Thread(
                    () -> {
                        try (consumer) {
                            loop.run();
                        } catch (RuntimeException | Error failure) {
                            LOG.error("The Kafka consumer stopped", failure);
                            throw failure;
                        }
                    },
                    "kafka-ingestion-" + (index + 1));
            thread.setDaemon(true);
            consumers.add(new Consumer(loop, thread, clientMetrics));
        }
        consumers.forEach(consumer -> consumer.thread().start());
        LOG.info(
                "Kafka ingestion from {} in consumer group {}, {} consumer thread(s)",
                servers,
                config.groupId(),
                consumers.size());
        List<String> unknown = unknownClientProperties();
        if (!unknown.isEmpty()) {
            LOG.warn("lineage.kafka.client: no Kafka client knows {}; left out", unknown);
        }
    }

    /** Stops the consumers after the batch at hand (its offsets committed when it was written) and waits for them. */
    @PreDestroy
    public synchronized void stop() {
        if (consumers.isEmpty()) {
            return;
        }
        consumers.forEach(consumer -> consumer.loop().stop());
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Consumer consumer : consumers) {
            try {
                consumer.thread().join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (consumer.thread().isAlive()) {
                LOG.warn(
                        "The Kafka consumer {} did not stop within {}",
                        consumer.thread().getName(),
                        STOP_WAIT);
            }
            consumer.clientMetrics().close();
        }
        consumers.clear();
        producer.close();
        producer = null;
    }

    /**
     * The consumer's state for {@code /health}: empty when Kafka ingestion is off; {@code running} false when its thread
     * has ended without being stopped.
     */
    synchronized Optional<Status> status() {
        if (!config.enabled()) {
            return Optional.empty();
        }
        if (consumers.isEmpty()) {
            return Optional.of(new Status(false, config.allTopics(), ConsumerState.STARTING));
        }
        boolean running =
                consumers.stream().allMatch(consumer -> consumer.thread().isAlive());
        ConsumerState state = consumers.stream()
                .map(consumer -> consumer.loop().state())
                .reduce(ConsumerState::together)
                .orElseThrow();
        return Optional.of(new Status(running, config.allTopics(), state));
    }

    /** The consumers seen from outside their threads: running only if every thread runs. */
    record Status(boolean running, List<String> topics, ConsumerState state) {}

    /**
     * The {@code lineage.kafka.client.*} properties a client knows ({@code known}: its config names), under their
     * dotted names: an environment variable ({@code LINEAGE_KAFKA_CLIENT_SECURITY_PROTOCOL}) also reaches the map under
     * spellings with dashes, which are dropped when their dotted form is there or known.
     */
    private Map<String, Object> clientProperties(Set<String> known) {
        Map<String, Object> properties = new HashMap<>();
        config.client().forEach((key, value) -> {
            if (known.contains(key)) {
                properties.put(key, value);
            } else if (known.contains(key.replace('-', '.'))) {
                properties.putIfAbsent(key.replace('-', '.'), value);
            }
        });
        return properties;
    }

    /** Client properties that neither client knows, for one warning at start. */
    private List<String> unknownClientProperties() {
        return config.client().keySet().stream()
                .filter(key -> !ConsumerConfig.configNames().contains(key.replace('-', '.'))
                        && !ProducerConfig.configNames().contains(key.replace('-', '.')))
                .sorted()
                .toList();
    }

    private Map<String, Object> consumerProperties(String servers) {
        Map<String, Object> properties = clientProperties(ConsumerConfig.configNames());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // Offsets are committed by hand, after the events are durable.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning of the topics: events written before the first server started count too.
        properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // Room for a message of lineage.max-event-bytes, which is then dead-lettered as too large, not stuck.
        properties.putIfAbsent(
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1_048_576, maxEventBytes + 65_536));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private Map<String, Object> producerProperties(String servers) {
        Map<String, Object> properties = clientProperties(ProducerConfig.configNames());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.putIfAbsent(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, maxEventBytes + 65_536));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
