package lineage.server.kafka;

import static java.util.Objects.requireNonNull;

import lineage.server.error.LineageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A message that is not a valid OpenLineage event, and why: it goes to its topic's dead-letter topic.
 *
 * @param message the message as consumed
 * @param reason the refusal {@code POST /api/v1/lineage} would answer for the same body
 * @param payloadOmitted whether the dead letter leaves the value out (a message over {@code lineage.max-event-bytes})
 */
record DeadLetter(ConsumerRecord<byte[], byte[]> message, LineageException reason, boolean payloadOmitted) {
    DeadLetter {
        requireNonNull(message, "message is null");
        requireNonNull(reason, "reason is null");
    }

    DeadLetter(ConsumerRecord<byte[], byte[]> message, LineageException reason) {
        this(message, reason, false);
    }
}
