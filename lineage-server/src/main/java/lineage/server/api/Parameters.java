package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;

/** Reads request parameters; a bad one is a 400 {@code INVALID_PARAMETER} naming it. */
final class Parameters {
    // UUID.fromString also takes short forms such as "1-2-3-4-5"; a run id is the canonical form only.
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Parameters() {}

    static UUID uuid(String field, String value) {
        if (!UUID_TEXT.matcher(value).matches()) {
            throw invalid(field, "'" + value + "' is not a UUID");
        }
        return UUID.fromString(value.toLowerCase(Locale.ROOT));
    }

    /** A point in time: ISO-8601 with an offset ({@code 2026-11-23T10:15:30Z}); empty when not given. */
    static Optional<Instant> instant(String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException exception) {
            throw invalid(field, "'" + value + "' is not an ISO-8601 time with an offset, e.g. 2026-11-23T10:15:30Z");
        }
    }

    static boolean flag(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(field, "must be true or false");
        };
    }

    /** A comma-separated list of names, lower-cased, without blanks; empty when not given. */
    static Set<String> names(@Nullable String value) {
        Set<String> names = new TreeSet<>();
        if (value != null) {
            for (String name : value.split(",", -1)) {
                if (!name.isBlank()) {
                    names.add(name.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    static LineageException invalid(String field, String message) {
        return new LineageException(
                ErrorCode.INVALID_PARAMETER, field + " " + message, List.of(new FieldError(field, message)));
    }
}
