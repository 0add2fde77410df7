package lineage.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;

/**
 * The one renderer of {@code application/problem+json}: our refusals ({@link LineageException}, with their code,
 * detail and field errors), the errors the framework answers by itself (no such route, method not allowed, request too
 * large, unreadable parameters), and anything unexpected (500, without a word of the cause).
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class ProblemRenderer implements ErrorResponseProcessor<Problem> {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");
    static final String UNEXPECTED = "an unexpected error occurred; it is logged on the server";
    /**
     * The {@code Retry-After} of a {@code DATABASE_UNAVAILABLE} answer, in seconds: a PostgreSQL restart or failover
     * takes seconds, and the server reconnects by itself on the next request after it.
     */
    static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    /** What a client must never read: a Java, Jackson, Netty or framework class, or an exception's name. */
    static final Pattern INTERNALS = Pattern.compile(
            "\\b(java|javax|jakarta|io\\.micronaut|com\\.fasterxml|io\\.netty|org\\.postgresql|lineage\\.server)\\."
                    + "|[A-Za-z]Exception\\b|`");

    // micronaut.server.netty.max-initial-line-length (application.yml) and Netty's default header size.
    static final String LINE_TOO_LONG =
            "the request line or its headers are too long (at most 16384 bytes of request line and 8192 of headers)";

    private final int maxEventBytes;

    public ProblemRenderer(LineageConfig config) {
        this.maxEventBytes = config.maxEventBytes();
    }

    /** The refusal of a body over {@code lineage.max-event-bytes}, whichever layer notices it. */
    static LineageException bodyTooLarge(long limit) {
        return new LineageException(
                ErrorCode.PAYLOAD_TOO_LARGE,
                "the body is larger than " + limit + " bytes, the limit set by lineage.max-event-bytes"
                        + " (after gzip or deflate is undone)");
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        Problem problem = context.getRootCause()
                .filter(LineageException.class::isInstance)
                .map(cause -> problem((LineageException) cause))
                .orElseGet(() -> frameworkProblem(context, response.getStatus()));
        MutableHttpResponse<Problem> answer = response.status(HttpStatus.valueOf(problem.status()))
                .contentType(PROBLEM_JSON)
                .body(problem);
        if (ErrorCode.DATABASE_UNAVAILABLE.name().equals(problem.code())) {
            answer.header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS);
        }
        if (LINE_TOO_LONG.equals(problem.detail())) {
            // Netty stops reading a connection whose request line it refused (and answers HTTP/1.0): say it, so that
            // no client sends its next request on it. (Java's HttpClient did, and lost that request.)
            answer.header(HttpHeaders.CONNECTION, "close");
        }
        return answer;
    }

    /** The answer to a refusal, for callers outside the exception handlers (filters). */
    public MutableHttpResponse<Problem> render(HttpRequest<?> request, LineageException refusal) {
        return processResponse(
                ErrorContext.builder(request).cause(refusal).build(),
                HttpResponse.status(HttpStatus.valueOf(refusal.code().status())));
    }

    static Problem problem(LineageException refusal) {
        return Problem.of(refusal.code(), refusal.getMessage(), refusal.errors());
    }

    /**
     * The framework's own refusals, in our words: its messages are kept only when they name nothing internal (a
     * conversion error names Java types), else replaced by one naming the parameter.
     */
    private Problem frameworkProblem(ErrorContext context, HttpStatus status) {
        ErrorCode code = frameworkCode(status);
        return switch (code) {
            case INTERNAL -> Problem.of(code, UNEXPECTED, List.of());
            case PAYLOAD_TOO_LARGE -> context.getRootCause()
                    .filter(ContentLengthExceededException.class::isInstance)
                    .map(cause -> problem(bodyTooLarge(maxEventBytes)))
                    .orElseGet(() -> Problem.of(code, LINE_TOO_LONG, List.of()));
            default -> {
                String detail = context.getErrors().stream()
                        .findFirst()
                        .map(error -> plain(error.getMessage())
                                .or(() -> error.getPath().map(path -> path + " cannot be read"))
                                .orElse(plainReason(status)))
                        .orElse(plainReason(status));
                yield Problem.of(code, detail, List.of());
            }
        };
    }

    private static Optional<String> plain(String message) {
        return Optional.ofNullable(message)
                .filter(text -> !text.isBlank() && !INTERNALS.matcher(text).find() && !text.startsWith("Failed to"));
    }

    private static String plainReason(HttpStatus status) {
        return status.getReason();
    }

    private static ErrorCode frameworkCode(HttpStatus status) {
        return switch (status.getCode()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.getCode() < 500 ? ErrorCode.INVALID_PARAMETER : ErrorCode.INTERNAL;
        };
    }
}
