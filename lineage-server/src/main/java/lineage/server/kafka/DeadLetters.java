package lineage.server.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters to {@code <topic>.dlq}: the message's key, value and headers as they were, plus the reason as
 * {@code application/problem+json} (the body {@code POST /api/v1/lineage} answers for the same event) and where the
 * message came from. A value over {@code lineage.max-event-bytes}, or one the dead-letter topic refuses as too large, is
 * left out ({@link #PAYLOAD_OMITTED}).
 */
final class DeadLetters {
    static final String SUFFIX = ".dlq";
    static final String PROBLEM = "lineage.problem";
    static final String SOURCE_TOPIC = "lineage.source.topic";
    static final String SOURCE_PARTITION = "lineage.source.partition";
    static final String SOURCE_OFFSET = "lineage.source.offset";
    static final String PAYLOAD_OMITTED = "lineage.payload-omitted";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Producer<byte[], byte[]> producer;

    DeadLetters(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /** Sends the dead letters and waits until the broker has them all; throws if it does not take one. */
    void send(List<DeadLetter> letters) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (DeadLetter letter : letters) {
            sent.add(producer.send(record(letter, letter.payloadOmitted())));
        }
        for (int index = 0; index < letters.size(); index++) {
            DeadLetter letter = letters.get(index);
            try {
                await(sent.get(index));
            } catch (RecordTooLargeException tooLarge) {
                LOG.warn(
                        "Dead letter of {}-{}@{} is too large for {}; sending it without its value",
                        letter.message().topic(),
                        letter.message().partition(),
                        letter.message().offset(),
                        topic(letter.message().topic()));
                await(producer.send(record(letter, true)));
            }
        }
    }

    static String topic(String source) {
        return source + SUFFIX;
    }

    private static ProducerRecord<byte[], byte[]> record(DeadLetter letter, boolean omitPayload) {
        ConsumerRecord<byte[], byte[]> message = letter.message();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : message.headers()) {
            headers.add(header);
        }
        headers.add(PROBLEM, problemJson(letter.reason()));
        headers.add(SOURCE_TOPIC, utf8(message.topic()));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(message.partition())));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(message.offset())));
        if (omitPayload) {
            headers.add(PAYLOAD_OMITTED, utf8("true"));
        }
        return new ProducerRecord<>(
                topic(message.topic()), null, message.key(), omitPayload ? null : message.value(), headers);
    }

    /** RFC 9457 problem details in the shape the HTTP API renders them (type, title, status, detail, code, errors). */
    static byte[] problemJson(LineageException reason) {
        ErrorCode code = reason.code();
        ObjectNode problem = JSON.createObjectNode()
                .put(
                        "type",
                        "https://lineage.dev/problems/"
                                + code.name().toLowerCase(Locale.ROOT).replace('_', '-'))
                .put("title", code.title())
                .put("status", code.status())
                .put("detail", reason.getMessage())
                .put("code", code.name());
        if (!reason.errors().isEmpty()) {
            ArrayNode errors = problem.putArray("errors");
            for (FieldError error : reason.errors()) {
                errors.addObject().put("field", error.field()).put("message", error.message());
            }
        }
        try {
            return JSON.writeValueAsBytes(problem);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a problem tree could not be written as JSON", impossible);
        }
    }

    private static void await(Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (ExecutionException failure) {
            if (failure.getCause() instanceof KafkaException kafka) {
                throw kafka;
            }
            throw new KafkaException("a dead letter was not sent", failure.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while sending dead letters", interrupted);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
