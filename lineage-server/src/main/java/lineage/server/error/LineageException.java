package lineage.server.error;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A refusal with a stable code; the HTTP API renders it as {@code application/problem+json}. */
public class LineageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final transient List<FieldError> errors;

    public LineageException(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }

    public LineageException(ErrorCode code, String detail, List<FieldError> errors) {
        super(detail);
        this.code = requireNonNull(code, "code is null");
        this.errors = List.copyOf(errors);
    }

    public ErrorCode code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
