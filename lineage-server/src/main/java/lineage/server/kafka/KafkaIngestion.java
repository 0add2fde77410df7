package lineage.server.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
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
    /** Guarded by this. */
    private ConsumerLoop loop;
    /** Guarded by this. */
    private Thread thread;
    /** The consumer's own metrics (lag per partition among them), bound while it runs. Guarded by this. */
    private KafkaClientMetrics clientMetrics;

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

    /** Starts the consumer when {@code bootstrap-servers} is set and it does not run yet. */
    public synchronized void start() {
        if (!config.enabled() || thread != null) {
            return;
        }
        String servers = config.bootstrapServers().orElseThrow();
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties(servers));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(servers));
        loop = new ConsumerLoop(
                consumer,
                batches,
                trinoMessages,
                new DeadLetters(producer),
                metrics,
                config.allTopics(),
                Set.copyOf(config.trinoTopics()),
                config.retryInterval());
        clientMetrics = new KafkaClientMetrics(consumer);
        clientMetrics.bindTo(registry);
        ConsumerLoop running = loop;
        thread = new Thread(
                () -> {
                    try (consumer;
                            producer) {
                        running.run();
                    } catch (RuntimeException | Error failure) {
                        LOG.error("The Kafka consumer stopped", failure);
                        throw failure;
                    }
                },
                "kafka-ingestion");
        thread.setDaemon(true);
        thread.start();
        LOG.info("Kafka ingestion from {} in consumer group {}", servers, config.groupId());
        List<String> unknown = unknownClientProperties();
        if (!unknown.isEmpty()) {
            LOG.warn("lineage.kafka.client: no Kafka client knows {}; left out", unknown);
        }
    }

    /** Stops the consumer after the batch at hand (its offsets committed when it was written) and waits for it. */
    @PreDestroy
    public synchronized void stop() {
        if (thread == null) {
            return;
        }
        loop.stop();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The Kafka consumer did not stop within {}", STOP_WAIT);
        }
        clientMetrics.close();
        clientMetrics = null;
        thread = null;
        loop = null;
    }

    /**
     * The consumer's state for {@code /health}: empty when Kafka ingestion is off; {@code running} false when its thread
     * has ended without being stopped.
     */
    synchronized Optional<Status> status() {
        if (!config.enabled()) {
            return Optional.empty();
        }
        if (thread == null) {
            return Optional.of(new Status(false, config.allTopics(), ConsumerState.STARTING));
        }
        return Optional.of(new Status(thread.isAlive(), config.allTopics(), loop.state()));
    }

    /** The consumer seen from outside its thread. */
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
