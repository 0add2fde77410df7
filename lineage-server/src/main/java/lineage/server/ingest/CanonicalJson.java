package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Two events are the same when their canonical JSON is identical: object keys sorted, no insignificant whitespace.
 * The SHA-256 of that text identifies an event in the event log.
 */
public final class CanonicalJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {}

    /** A value's canonical text and the SHA-256 of it, from one serialisation. */
    public record Canonical(String hash, String text) {}

    /**
     * The canonical text of an event and its hash. The log stores the text: its column is {@code jsonb}, which keeps
     * neither key order nor whitespace, so the stored value is the one {@link #text} would give.
     */
    public static Canonical of(JsonNode node) {
        byte[] canonical = canonicalBytes(node);
        return new Canonical(sha256(canonical), new String(canonical, StandardCharsets.UTF_8));
    }

    public static String hash(JsonNode node) {
        return sha256(canonicalBytes(node));
    }

    /** The event as compact text, for storage. */
    public static String text(JsonNode node) {
        try {
            return new String(JSON.writeValueAsBytes(node), StandardCharsets.UTF_8);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static byte[] canonicalBytes(JsonNode node) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (JsonGenerator generator = JSON.getFactory().createGenerator(bytes)) {
            writeSorted(generator, node);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
        return bytes.toByteArray();
    }

    /** Writes the tree with each object's keys in {@link String} order, without copying it first. */
    private static void writeSorted(JsonGenerator generator, JsonNode node) throws IOException {
        if (node.isObject()) {
            List<String> names = new ArrayList<>(node.size());
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            generator.writeStartObject();
            for (String name : names) {
                generator.writeFieldName(name);
                writeSorted(generator, node.get(name));
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode item : node) {
                writeSorted(generator, item);
            }
            generator.writeEndArray();
        } else {
            JSON.writeTree(generator, node);
        }
    }

    private static String sha256(byte[] canonical) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical));
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", exception);
        }
    }
}
