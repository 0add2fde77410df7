package lineage.server.api.error;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.http.server.exceptions.response.HateoasErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The errors the framework answers by itself (no such route, method not allowed, unsupported media type, request too
 * large, unreadable parameters) in the same {@code application/problem+json} shape as ours.
 */
@Singleton
@Replaces(HateoasErrorResponseProcessor.class)
public class FrameworkErrorProcessor implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        ErrorCode code =
                switch (status.getCode()) {
                    case 404 -> ErrorCode.NODE_NOT_FOUND;
                    case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                    case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                    default -> status.getCode() < 500 ? ErrorCode.INVALID_PARAMETER : ErrorCode.INTERNAL;
                };
        String detail = status.getCode() < 500
                ? context.getErrors().stream()
                        .map(error -> error.getMessage())
                        .findFirst()
                        .orElse(status.getReason())
                : "an unexpected error occurred; it is logged on the server";
        Problem problem = new Problem(
                Problem.of(code, detail, List.of()).type(),
                status.getReason(),
                status.getCode(),
                detail,
                code.name(),
                null);
        return response.contentType(ProblemHandler.PROBLEM_JSON).body(problem);
    }
}
