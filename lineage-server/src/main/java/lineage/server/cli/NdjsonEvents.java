package lineage.server.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads NDJSON (JSON Lines) of OpenLineage events: one JSON object per line; blank lines are skipped. A line that is
 * not one JSON object stops the reading with its file and line number. Not thread-safe.
 */
final class NdjsonEvents {
    /** An event and the line it was on, counted from 1. */
    record Line(JsonNode event, long number) {}

    private static final ObjectReader READER =
            ServerCalls.JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader reader;
    private final String name;
    private long number;

    /** {@code name}: the file as the messages name it. */
    NdjsonEvents(BufferedReader reader, String name) {
        this.reader = reader;
        this.name = name;
    }

    /** The next event, or empty at the end. */
    Optional<Line> next() throws CommandFailure {
        while (true) {
            String text;
            try {
                text = reader.readLine();
            } catch (IOException unreadable) {
                throw new CommandFailure(
                        "cannot read " + name + " after line " + number + ": " + unreadable.getMessage());
            }
            if (text == null) {
                return Optional.empty();
            }
            number++;
            if (number == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
            if (!text.isBlank()) {
                return Optional.of(new Line(parse(text), number));
            }
        }
    }

    private JsonNode parse(String text) throws CommandFailure {
        JsonNode event;
        try {
            event = READER.readTree(text);
        } catch (JsonProcessingException malformed) {
            JsonLocation location = malformed.getLocation();
            throw new CommandFailure(name + " line " + number + ": malformed JSON"
                    + (location == null || location.getColumnNr() < 1 ? "" : " at column " + location.getColumnNr())
                    + ": " + malformed.getOriginalMessage().replaceAll("\\s+", " "));
        } catch (IOException unreadable) {
            throw new CommandFailure(name + " line " + number + ": " + unreadable.getMessage());
        }
        if (!event.isObject()) {
            throw new CommandFailure(name + " line " + number + ": not a JSON object (NDJSON holds one OpenLineage"
                    + " event per line)");
        }
        return event;
    }
}
