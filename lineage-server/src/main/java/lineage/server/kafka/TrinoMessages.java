package lineage.server.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.trino.TrinoIngester;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of Trino's Kafka event listener ({@code lineage.kafka.trino-topics}): each wraps one query event as
 * {@code {"eventPayload": <QueryCreatedEvent or QueryCompletedEvent>, "eventMetadata": {...}}}, and the payload is the
 * same JSON the HTTP listener posts, so it is ingested as one ({@link TrinoIngester}), in the order of its partition.
 * Fields the listener was told to exclude ({@code kafka-event-listener.excluded-fields}) are left out of the payload;
 * what the mapping needs and misses makes the message a dead letter with the reason, like any invalid event.
 */
final class TrinoMessages {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoMessages.class);
    private static final String PAYLOAD = "eventPayload";

    private final TrinoIngester ingester;
    private final int maxEventBytes;

    TrinoMessages(TrinoIngester ingester, int maxEventBytes) {
        this.ingester = ingester;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Ingests each message's query event; when this returns, every valid one is durable in the database. Returns the
     * dead letters, or empty when the database is unavailable (then some, all or none of the events may be stored).
     */
    Optional<List<DeadLetter>> ingest(List<ConsumerRecord<byte[], byte[]>> messages) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> message : messages) {
            try {
                ingester.ingest(payload(Messages.json(message, maxEventBytes)));
            } catch (LineageException refused) {
                if (refused.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                    return Optional.empty();
                }
                deadLetters.add(new DeadLetter(message, refused, Messages.tooLarge(message, maxEventBytes)));
            } catch (RuntimeException failure) {
                LOG.error(
                        "Kafka message {}-{}@{} could not be written",
                        message.topic(),
                        message.partition(),
                        message.offset(),
                        failure);
                deadLetters.add(new DeadLetter(
                        message,
                        new LineageException(
                                ErrorCode.INTERNAL, "the event could not be stored; the server log says why")));
            }
        }
        return Optional.of(deadLetters);
    }

    private static JsonNode payload(JsonNode message) {
        JsonNode payload = message.get(PAYLOAD);
        if (payload == null || !payload.isObject()) {
            String reason = payload == null ? "is required" : "must be an object";
            throw new LineageException(
                    ErrorCode.INVALID_TRINO_EVENT,
                    "the message is not one of Trino's Kafka event listener: its " + PAYLOAD + " " + reason,
                    List.of(new FieldError(PAYLOAD, reason)));
        }
        return payload;
    }
}
