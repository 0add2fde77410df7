package lineage.server.api.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Any exception nobody expected: logged with its stack trace, answered 500 without a word of it. */
@Produces
@Singleton
public class UnexpectedErrorHandler implements ExceptionHandler<RuntimeException, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedErrorHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        LOG.error("Unexpected error on {} {}", request.getMethod(), request.getPath(), exception);
        return ProblemHandler.respond(
                Problem.of(ErrorCode.INTERNAL, "an unexpected error occurred; it is logged on the server", List.of()));
    }
}
