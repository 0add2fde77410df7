package lineage.server.kafka;

import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
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
    private final int maxEventBytes;
    /** Guarded by this. */
    private ConsumerLoop loop;
    /** Guarded by this. */
    private Thread thread;

    public KafkaIngestion(
            KafkaConfig config,
            LineageConfig lineage,
            EventIngester ingester,
            IncomingEvents incoming,
            TrinoIngester trino,
            KafkaMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
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
        thread = null;
        loop = null;
    }

    private Map<String, Object> consumerProperties(String servers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        // Offsets are committed by hand, after the events are durable.
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A new group starts at the beginning of the topics: events written before the first server started count too.
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
        // Room for a message of lineage.max-event-bytes, which is then dead-lettered as too large, not stuck.
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Math.max(1_048_576, maxEventBytes + 65_536));
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return properties;
    }

    private Map<String, Object> producerProperties(String servers) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(1_048_576, maxEventBytes + 65_536));
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return properties;
    }
}
