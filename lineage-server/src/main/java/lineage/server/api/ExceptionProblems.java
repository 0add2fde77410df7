package lineage.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import jakarta.inject.Singleton;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.store.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every exception a controller throws to {@link ProblemRenderer}: a {@link LineageException} is answered with its
 * code; an unavailable database ({@link DatabaseFailures}) is logged in one line and answered 503 with {@code
 * Retry-After}; anything else nobody expected is logged with its stack trace and answered 500. (The framework's own
 * exceptions have handlers of their own, which render through the same processor.)
 */
@Produces
@Singleton
public class ExceptionProblems implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionProblems.class);

    private final ProblemRenderer renderer;

    public ExceptionProblems(ProblemRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (exception instanceof LineageException refusal) {
            return renderer.render(request, refusal);
        }
        if (DatabaseFailures.isUnavailable(exception)) {
            LOG.warn(
                    "Database unavailable on {} {}: {}",
                    request.getMethod(),
                    request.getPath(),
                    DatabaseFailures.describe(exception).orElse(""));
            return renderer.render(
                    request,
                    DatabaseFailures.refusal(
                            "the database is unavailable; try again after the Retry-After seconds", exception));
        }
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
        return renderer.processResponse(
                ErrorContext.builder(request).cause(exception).build(),
                HttpResponse.status(HttpStatus.valueOf(ErrorCode.INTERNAL.status())));
    }
}
