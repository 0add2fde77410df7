package lineage.server.kafka;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * Two consumer threads' states as one: their partitions together, paused when every one that has partitions is, the older of their last
     * polls (a thread that stopped polling shows), their connections added up; not polled yet while one has not.
     */
    ConsumerState together(ConsumerState other) {
        List<String> both = new ArrayList<>(partitions);
        both.addAll(other.partitions);
        both.sort(null);
        Optional<Instant> older = lastPoll.isEmpty() || other.lastPoll.isEmpty()
                ? Optional.empty()
                : Optional.of(lastPoll.get().isBefore(other.lastPoll.get()) ? lastPoll.get() : other.lastPoll.get());
        boolean bothPaused = (paused || partitions.isEmpty()) && (other.paused || other.partitions.isEmpty());
        return new ConsumerState(both, bothPaused && !both.isEmpty(), older, connections + other.connections);
    }

    /** Before the first poll: nothing assigned, not connected yet. */
    static final ConsumerState STARTING = new ConsumerState(List.of(), false, Optional.empty(), 0);
}
