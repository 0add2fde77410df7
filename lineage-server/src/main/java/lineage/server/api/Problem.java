package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;

/** RFC 9457 problem details, plus our {@code code} and the field errors of a validation failure. */
@Serdeable
public record Problem(
        String type, String title, int status, String detail, String code, @Nullable List<FieldError> errors) {
    public static Problem of(ErrorCode code, String detail, List<FieldError> errors) {
        return new Problem(
                "https://lineage.dev/problems/"
                        + code.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                code.title(),
                code.status(),
                detail,
                code.name(),
                errors.isEmpty() ? null : List.copyOf(errors));
    }
}
