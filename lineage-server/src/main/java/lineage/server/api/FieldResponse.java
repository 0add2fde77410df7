package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A field of a dataset (or of one of its versions) in Marquez's shape, with its tags. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldResponse(String name, @Nullable String type, List<String> tags, @Nullable String description) {
    /** The fields of a stored schema (a JSON array of {@code {name, type, description}}), each with its tags by name. */
    static List<FieldResponse> of(String stored, Map<String, List<String>> tags) {
        List<FieldResponse> fields = new ArrayList<>();
        for (JsonNode field : StoredJson.read(stored)) {
            String name = field.path("name").asText();
            fields.add(new FieldResponse(
                    name, text(field, "type"), tags.getOrDefault(name, List.of()), text(field, "description")));
        }
        return fields;
    }

    private static @Nullable String text(JsonNode field, String key) {
        return field.hasNonNull(key) ? field.get(key).asText() : null;
    }
}
