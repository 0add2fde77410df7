package lineage.server.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the consumer's thread last saw, for {@code /health}: read on that thread (a consumer is not thread-safe) after
 * each poll and published whole.
 *
 * @param partitions the partitions assigned to this server, {@code topic-partition}, sorted
 * @param paused whether they are paused (the database is unavailable, or a poll failed)
 * @param lastPoll when a poll last returned; empty before the first
 * @param connections the consumer's open connections to brokers; 0 when none can be reached
 */
record ConsumerState(List<String> partitions, boolean paused, Optional<Instant> lastPoll, int connections) {
    ConsumerState {
        partitions = List.copyOf(partitions);
    }

    /** Before the first poll: nothing assigned, not connected yet. */
    static final ConsumerState STARTING = new ConsumerState(List.of(), false, Optional.empty(), 0);
}
