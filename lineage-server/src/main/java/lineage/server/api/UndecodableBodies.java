package lineage.server.api;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.netty.handler.codec.compression.DecompressionException;
import jakarta.inject.Singleton;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;

/**
 * A body sent with {@code Content-Encoding: gzip} or {@code deflate} that does not decompress is the client's mistake:
 * 400, not the 500 of an unexpected error. (A body that decompresses past {@code lineage.max-event-bytes} is refused
 * by the HTTP layer with 413 before it is held.)
 */
@Produces
@Singleton
public class UndecodableBodies implements ExceptionHandler<DecompressionException, HttpResponse<Problem>> {
    private final ProblemRenderer renderer;

    public UndecodableBodies(ProblemRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, DecompressionException exception) {
        return renderer.render(
                request,
                new LineageException(
                        ErrorCode.MALFORMED_JSON,
                        "the body cannot be decompressed as its Content-Encoding header says"));
    }
}
