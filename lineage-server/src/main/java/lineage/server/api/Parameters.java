package lineage.server.api;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import lineage.server.api.error.ErrorCode;
import lineage.server.api.error.FieldError;
import lineage.server.api.error.LineageException;

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

    static LineageException invalid(String field, String message) {
        return new LineageException(
                ErrorCode.INVALID_PARAMETER, field + " " + message, List.of(new FieldError(field, message)));
    }
}
