package lineage.server.api;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.exceptions.response.ErrorContext;

/**
 * The last word on every error answer: one that a part of the framework answered without a body (the management
 * endpoints' 401 and 403, for one) gets the problem+json body every other error has, through {@link
 * ProblemRenderer}. It runs first, so its response filter runs last, after every other filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ProblemBodies implements Ordered {
    private final ProblemRenderer renderer;

    public ProblemBodies(ProblemRenderer renderer) {
        this.renderer = renderer;
    }

    @ResponseFilter
    public MutableHttpResponse<?> giveBody(HttpRequest<?> request, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        if (status.getCode() < 400
                || request.getMethod() == HttpMethod.HEAD
                || response.getBody().isPresent()) {
            return response;
        }
        return renderer.processResponse(ErrorContext.builder(request).build(), response);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
