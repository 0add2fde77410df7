package lineage.server.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

/** For {@link ProblemBodiesIT} only: answers {@code /testing/empty-error} 403 without a body, as a filter might. */
@ServerFilter("/testing/empty-error")
@Requires(property = "testing.empty-error-filter", value = "true")
public class TestingEmptyErrorFilter {
    @RequestFilter
    public HttpResponse<?> refuse(HttpRequest<?> request) {
        return HttpResponse.status(HttpStatus.FORBIDDEN);
    }
}
