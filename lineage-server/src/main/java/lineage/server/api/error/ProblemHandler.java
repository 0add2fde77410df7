package lineage.server.api.error;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** Renders every {@link LineageException} as {@code application/problem+json}: no stack trace, no SQL. */
@Produces
@Singleton
@Requires(classes = {LineageException.class, ExceptionHandler.class})
public class ProblemHandler implements ExceptionHandler<LineageException, HttpResponse<Problem>> {
    public static final MediaType PROBLEM_JSON = MediaType.of("application/problem+json");

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, LineageException exception) {
        return respond(Problem.of(exception.code(), exception.getMessage(), exception.errors()));
    }

    public static MutableHttpResponse<Problem> respond(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .contentType(PROBLEM_JSON)
                .body(problem);
    }
}
