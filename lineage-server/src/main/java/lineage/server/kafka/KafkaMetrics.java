package lineage.server.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/** The Kafka consumer's meters: messages by topic and result, and the pauses for an unavailable database. */
@Singleton
public class KafkaMetrics {
    private final MeterRegistry registry;
    private final Counter pauses;

    public KafkaMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.pauses = Counter.builder("lineage.kafka.pauses")
                .description("Times the Kafka consumer paused because the database was unavailable, to read the same"
                        + " messages again")
                .register(registry);
    }

    void ingested(String topic, int count) {
        messages(topic, "ingested").increment(count);
    }

    void deadLettered(String topic) {
        messages(topic, "dead_lettered").increment();
    }

    void redelivered(String topic, int count) {
        Counter.builder("lineage.kafka.redelivered")
                .tag("topic", topic)
                .description("Kafka messages this server read again: rewound after the database was unavailable or a"
                        + " poll failed, or read before a rebalance took their partition away and gave it back (each"
                        + " changes nothing when it is stored again)")
                .register(registry)
                .increment(count);
    }

    void paused() {
        pauses.increment();
    }

    private Counter messages(String topic, String result) {
        return Counter.builder("lineage.kafka.messages")
                .tag("topic", topic)
                .tag("result", result)
                .description("Kafka messages consumed, by topic and result: ingested (a valid event, stored or already"
                        + " stored) or dead_lettered (sent to <topic>.dlq)")
                .register(registry);
    }
}
