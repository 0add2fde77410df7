package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two events are the same when their canonical JSON is identical: object keys sorted, no insignificant whitespace.
 * The SHA-256 of that text identifies an event in the event log.
 */
public final class CanonicalJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {}

    public static String hash(JsonNode node) {
        try {
            byte[] canonical = JSON.writeValueAsBytes(sorted(node));
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(canonical));
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        } catch (NoSuchAlgorithmException exception) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", exception);
        }
    }

    /** The event as compact text, for storage. */
    public static String text(JsonNode node) {
        try {
            return new String(JSON.writeValueAsBytes(node), StandardCharsets.UTF_8);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static Object sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> fields = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> iterator = node.fields();
            while (iterator.hasNext()) {
                Map.Entry<String, JsonNode> field = iterator.next();
                fields.put(field.getKey(), sorted(field.getValue()));
            }
            return fields;
        }
        if (node.isArray()) {
            java.util.List<Object> items = new java.util.ArrayList<>(node.size());
            node.forEach(item -> items.add(sorted(item)));
            return items;
        }
        return node;
    }
}
