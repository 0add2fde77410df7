package lineage.server.kafka;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * The Kafka consumer in {@code /health} (not in readiness: a server whose broker is gone still answers reads and HTTP
 * writes), only when Kafka ingestion is on: UP while its thread runs, polls and holds a broker connection, with its
 * topics, the partitions assigned to this server and whether they are paused (the database is unavailable); DOWN with
 * the reason when the thread has ended, has not polled for {@link #STALE}, or reaches no broker.
 */
@Singleton
@Requires(beans = HealthEndpoint.class)
public class KafkaHealthIndicator implements HealthIndicator {
    private static final String NAME = "kafka";
    /** A poll returns within half a second, or the retry interval while paused; longer than this, the thread is stuck. */
    static final Duration STALE = Duration.ofSeconds(60);

    private final KafkaIngestion ingestion;

    public KafkaHealthIndicator(KafkaIngestion ingestion) {
        this.ingestion = ingestion;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return ingestion
                .status()
                .map(KafkaHealthIndicator::result)
                .map(Publishers::just)
                .orElseGet(Publishers::empty);
    }

    private static HealthResult result(KafkaIngestion.Status status) {
        ConsumerState state = status.state();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topics", status.topics());
        details.put("partitions", state.partitions());
        details.put("paused", state.paused());
        state.lastPoll().ifPresent(last -> details.put("lastPoll", last.toString()));
        details.put("brokerConnections", state.connections());
        HealthStatus health = HealthStatus.UP;
        if (!status.running()) {
            details.put("consumer", "stopped");
            health = HealthStatus.DOWN;
        } else if (state.lastPoll().isEmpty()) {
            details.put("consumer", "starting");
        } else if (Duration.between(state.lastPoll().get(), Instant.now()).compareTo(STALE) > 0) {
            details.put("consumer", "not polling since " + state.lastPoll().get());
            health = HealthStatus.DOWN;
        } else if (state.connections() == 0) {
            details.put("consumer", "no broker reachable");
            health = HealthStatus.DOWN;
        }
        return HealthResult.builder(NAME, health).details(details).build();
    }
}
