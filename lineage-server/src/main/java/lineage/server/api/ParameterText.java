package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import lineage.server.error.LineageException;

/**
 * The one place where request text is checked before any controller reads it: a query parameter or path segment with a
 * NUL character or an unpaired surrogate is a 400 {@code INVALID_PARAMETER} naming the parameter ({@code path} for a
 * segment), not a name looked up in PostgreSQL (which refuses NUL in text). Runs after {@link ApiKeyFilter}.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ParameterText implements Ordered {
    private final ProblemRenderer renderer;

    public ParameterText(ProblemRenderer renderer) {
        this.renderer = renderer;
    }

    /** Null lets the request through; otherwise the 400 to answer. */
    @RequestFilter
    @Nullable
    public HttpResponse<Problem> check(HttpRequest<?> request) {
        try {
            Parameters.checkText("path", decoded(request.getPath()));
            for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
                Parameters.checkText("query", parameter.getKey());
                for (String value : parameter.getValue()) {
                    Parameters.checkText(parameter.getKey(), value);
                }
            }
            return null;
        } catch (LineageException refusal) {
            return renderer.render(request, refusal);
        }
    }

    /** The path as its segments read it; a path the router cannot decode either is left to the router. */
    private static String decoded(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException undecodable) {
            return path;
        }
    }

    @Override
    public int getOrder() {
        return 100;
    }
}
