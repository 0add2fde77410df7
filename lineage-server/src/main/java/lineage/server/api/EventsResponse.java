package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.io.IOException;
import java.util.List;
import lineage.server.store.EventReader;

/**
 * {@code GET /api/v1/events/lineage}: a page of stored events and how many the window holds. The answer has this shape
 * but is written by {@link #write}, each event copied as the store gives it (PostgreSQL's jsonb text): Micronaut
 * Serialization has no raw value (micronaut-serialization#4, #1184), and a tree per event would cost a parse and
 * write the events without jsonb's spacing.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record EventsResponse(List<JsonNode> events, long totalCount) {
    static void write(JsonGenerator json, EventReader.EventPage page) throws IOException {
        json.writeStartObject();
        json.writeArrayFieldStart("events");
        for (String payload : page.payloads()) {
            json.writeRawValue(payload);
        }
        json.writeEndArray();
        json.writeNumberField("totalCount", page.totalCount());
        json.writeEndObject();
    }
}
