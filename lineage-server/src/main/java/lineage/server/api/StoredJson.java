package lineage.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.UncheckedIOException;

/**
 * JSON the store keeps as text (facets, a schema's fields), read back into trees that wire records carry as they are:
 * Micronaut Serialization writes a Jackson tree node by node, numbers as parsed.
 */
final class StoredJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() {}

    /** The stored JSON object; an empty one when the text holds something else. */
    static JsonNode object(String stored) {
        JsonNode node = read(stored);
        return node.isObject() ? node : JsonNodeFactory.instance.objectNode();
    }

    static JsonNode read(String stored) {
        try {
            return JSON.readTree(stored);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException("stored JSON is unreadable", exception);
        }
    }
}
