package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import lineage.server.model.TimeRange;

/** Event times: an event's {@code eventTime} and the times given on the command line, as instants. */
final class EventTimes {
    private EventTimes() {}

    /** The event's {@code eventTime} (without an offset: UTC, as the server reads it); empty when unreadable. */
    static Optional<Instant> of(JsonNode event) {
        JsonNode value = event.path("eventTime");
        return value.isTextual() ? parse(value.asText()) : Optional.empty();
    }

    /**
     * A time on the command line: an ISO-8601 date-time with or without an offset (then UTC), or a date (its midnight
     * UTC), within the times the server takes.
     */
    static Instant argument(String option, String value) throws CommandFailure {
        Optional<Instant> time = parse(value.strip());
        if (time.isEmpty()) {
            try {
                time = Optional.of(LocalDate.parse(value.strip()).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notADate) {
                throw new CommandFailure(option + " '" + value
                        + "' is not an ISO-8601 date-time (2026-11-23T10:00:00Z) or date (2026-11-23)");
            }
        }
        if (!TimeRange.contains(time.get())) {
            throw new CommandFailure(option + " " + TimeRange.rule());
        }
        return time.get();
    }

    /** With an offset, and perhaps a zone ({@code …Z[UTC]}, as Java writes a ZonedDateTime), or without (UTC). */
    private static Optional<Instant> parse(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text).toInstant());
        } catch (DateTimeParseException withoutOffset) {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }
}
