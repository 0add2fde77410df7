package lineage.server.api;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;
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

    private static Problem frameworkProblem(ErrorContext context, HttpStatus status) {
        ErrorCode code = frameworkCode(status);
        if (code == ErrorCode.INTERNAL) {
            return Problem.of(code, UNEXPECTED, List.of());
        }
        String detail = context.getErrors().stream()
                .map(error -> error.getMessage())
                .findFirst()
                .orElse(status.getReason());
        return Problem.of(code, detail, List.of());
    }

    private static ErrorCode frameworkCode(HttpStatus status) {
        return switch (status.getCode()) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 404 -> ErrorCode.ROUTE_NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.getCode() < 500 ? ErrorCode.INVALID_PARAMETER : ErrorCode.INTERNAL;
        };
    }
}
