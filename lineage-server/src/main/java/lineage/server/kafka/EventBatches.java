package lineage.server.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.ingest.EventIngester;
import lineage.server.ingest.IncomingEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of one poll, ingested like a batch of {@code POST /api/v1/lineage}: the valid events in one write, in
 * their order; each message that is not a valid event becomes a dead letter with the refusal the HTTP API would answer
 * for it. When the database is unavailable, nothing is decided: the caller reads the same messages again later.
 */
final class EventBatches {
    private static final Logger LOG = LoggerFactory.getLogger(EventBatches.class);
    private static final Comparator<DeadLetter> SOURCE_ORDER = Comparator.comparing(
                    (DeadLetter letter) -> letter.message().topic())
            .thenComparingInt(letter -> letter.message().partition())
            .thenComparingLong(letter -> letter.message().offset());

    private final EventIngester ingester;
    private final IncomingEvents incoming;
    private final int maxEventBytes;

    EventBatches(EventIngester ingester, IncomingEvents incoming, int maxEventBytes) {
        this.ingester = ingester;
        this.incoming = incoming;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Ingests the messages' events; when this returns, every valid event is durable in the database. Returns the dead
     * letters, or empty when the database is unavailable (then some, all or none of the events may be stored).
     */
    Optional<List<DeadLetter>> ingest(List<ConsumerRecord<byte[], byte[]>> messages) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<ConsumerRecord<byte[], byte[]>> eventMessages = new ArrayList<>();
        ArrayNode events = JsonNodeFactory.instance.arrayNode();
        for (ConsumerRecord<byte[], byte[]> message : messages) {
            try {
                events.add(Messages.json(message, maxEventBytes));
                eventMessages.add(message);
            } catch (LineageException unreadable) {
                deadLetters.add(new DeadLetter(message, unreadable, Messages.tooLarge(message, maxEventBytes)));
            }
        }
        if (events.isEmpty()) {
            return Optional.of(deadLetters);
        }
        Optional<List<DeadLetter>> rejected = ingestBatch(eventMessages, events);
        rejected.ifPresent(deadLetters::addAll);
        // A partition's dead letters in the order of its messages, whichever step refused them.
        deadLetters.sort(SOURCE_ORDER);
        return rejected.map(ignored -> deadLetters);
    }

    private Optional<List<DeadLetter>> ingestBatch(List<ConsumerRecord<byte[], byte[]>> messages, ArrayNode events) {
        EventIngester.BatchResult result;
        try {
            result = ingester.ingestBatch(events);
        } catch (LineageException failure) {
            if (failure.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                return Optional.empty();
            }
            LOG.warn("A batch of {} Kafka messages could not be written; writing each alone", messages.size(), failure);
            return ingestEach(messages, events);
        } catch (RuntimeException failure) {
            LOG.warn("A batch of {} Kafka messages could not be written; writing each alone", messages.size(), failure);
            return ingestEach(messages, events);
        }
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (EventIngester.Rejected rejected : result.rejected()) {
            int index = rejected.index();
            deadLetters.add(new DeadLetter(messages.get(index), refusal(events.get(index), rejected.errors())));
        }
        return Optional.of(deadLetters);
    }

    /**
     * After a batch failed for another reason than an unavailable database: each event alone, so that the one that
     * cannot be written costs only itself.
     */
    private Optional<List<DeadLetter>> ingestEach(List<ConsumerRecord<byte[], byte[]>> messages, ArrayNode events) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        for (int index = 0; index < messages.size(); index++) {
            try {
                ingester.ingest(events.get(index));
            } catch (LineageException failure) {
                if (failure.code() == ErrorCode.DATABASE_UNAVAILABLE) {
                    return Optional.empty();
                }
                deadLetters.add(new DeadLetter(messages.get(index), failure));
            } catch (RuntimeException failure) {
                LOG.error(
                        "Kafka message {}-{}@{} could not be written",
                        messages.get(index).topic(),
                        messages.get(index).partition(),
                        messages.get(index).offset(),
                        failure);
                deadLetters.add(new DeadLetter(
                        messages.get(index),
                        new LineageException(
                                ErrorCode.INTERNAL, "the event could not be stored; the server log says why")));
            }
        }
        return Optional.of(deadLetters);
    }

    /** The refusal of a single {@code POST /api/v1/lineage} of the event: its detail and field errors. */
    private LineageException refusal(JsonNode event, List<FieldError> errors) {
        try {
            incoming.openLineage(event, "");
        } catch (LineageException invalid) {
            return invalid;
        }
        return new LineageException(ErrorCode.INVALID_EVENT, "the event is not a valid OpenLineage event", errors);
    }
}
