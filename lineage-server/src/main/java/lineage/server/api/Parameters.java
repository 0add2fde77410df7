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
import lineage.server.model.TimeRange;

/**
 * Reads request parameters; a bad one is a 400 {@code INVALID_PARAMETER} naming it. Text that no name can hold (a NUL
 * character, which PostgreSQL refuses in text, or half of a UTF-16 surrogate pair) is refused in every query parameter
 * and path segment by {@link ParameterText} before any controller reads it; times must lie in {@link TimeRange}.
 */
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
            Instant time = OffsetDateTime.parse(value).toInstant();
            if (!TimeRange.contains(time)) {
                throw invalid(field, TimeRange.rule());
            }
            return Optional.of(time);
        } catch (DateTimeParseException exception) {
            throw invalid(field, "'" + value + "' is not an ISO-8601 time with an offset, e.g. 2026-11-23T10:15:30Z");
        }
    }

    /** Refuses text with a NUL character or an unpaired surrogate, naming the parameter. */
    static void checkText(String field, String value) {
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            if (c == '\0') {
                throw invalid(field, "must not contain the NUL character");
            }
            if (Character.isHighSurrogate(c)
                    && index + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(index + 1))) {
                index++;
            } else if (Character.isSurrogate(c)) {
                throw invalid(field, "must not contain half of a UTF-16 surrogate pair");
            }
        }
    }

    static boolean flag(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(field, "must be true or false");
        };
    }

    /**
     * The name of an enum constant as Marquez (Dropwizard) binds one: spaces around it dropped, {@code -} and {@code .}
     * read as {@code _}, upper case; so {@code update-at}, {@code Update.At} and {@code UPDATE_AT} are one name.
     */
    static String constant(String value) {
        return value.strip().replace('-', '_').replace('.', '_').toUpperCase(Locale.ROOT);
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
