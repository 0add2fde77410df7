package lineage.server.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.ingest.EventParser;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What a message's value is: the JSON of one event, or why it cannot be one before it is even validated. */
final class Messages {
    private Messages() {}

    /**
     * The message's value as JSON, or the refusal of {@code POST /api/v1/lineage} for the same body: {@code
     * PAYLOAD_TOO_LARGE} over {@code maxEventBytes}, {@code MALFORMED_JSON} for no value or bytes that are not JSON.
     */
    static JsonNode json(ConsumerRecord<byte[], byte[]> message, int maxEventBytes) {
        byte[] value = message.value();
        if (value == null || value.length == 0) {
            throw new LineageException(ErrorCode.MALFORMED_JSON, "the message has no value");
        }
        if (value.length > maxEventBytes) {
            throw tooLarge(value.length, maxEventBytes);
        }
        return EventParser.readTree(value);
    }

    /** Whether the message is too large to be read, and so to be kept in its dead letter. */
    static boolean tooLarge(ConsumerRecord<byte[], byte[]> message, int maxEventBytes) {
        return message.value() != null && message.value().length > maxEventBytes;
    }

    private static LineageException tooLarge(int length, int maxEventBytes) {
        String detail = "the message is " + length + " bytes, larger than " + maxEventBytes
                + ", the limit set by lineage.max-event-bytes";
        return new LineageException(ErrorCode.PAYLOAD_TOO_LARGE, detail, List.of(new FieldError("$", detail)));
    }
}
