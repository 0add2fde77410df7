package lineage.server.error;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;

/** One reason a request was refused: the field (a JSON path such as {@code run.runId}) and what is wrong with it. */
@Serdeable
public record FieldError(String field, String message) {
    public FieldError {
        requireNonNull(field, "field is null");
        requireNonNull(message, "message is null");
    }
}
