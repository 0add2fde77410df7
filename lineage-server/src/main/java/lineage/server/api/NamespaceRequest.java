package lineage.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.ingest.EventLimits;

/**
 * The body of {@code PUT /api/v1/namespaces/{namespace}}, Marquez's NamespaceMeta: {@code ownerName} (required, not
 * blank) and {@code description} (optional). Other keys are ignored, as Marquez ignores them.
 */
record NamespaceRequest(String ownerName, Optional<String> description) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The request, or a 400 for a body that is not JSON and a 422 {@code INVALID_NAMESPACE} naming each bad field. */
    static NamespaceRequest parse(String namespace, @Nullable byte[] body) {
        JsonNode request = read(body);
        List<FieldError> errors = new ArrayList<>();
        if (namespace.isBlank()) {
            errors.add(new FieldError("namespace", "must not be blank"));
        } else if (namespace.getBytes(StandardCharsets.UTF_8).length > EventLimits.MAX_NAMESPACE_BYTES) {
            errors.add(new FieldError(
                    "namespace", "must be at most " + EventLimits.MAX_NAMESPACE_BYTES + " bytes (UTF-8)"));
        }
        if (!request.isObject()) {
            errors.add(new FieldError("body", "must be a JSON object {\"ownerName\": ..., \"description\": ...}"));
            throw invalid(errors);
        }
        JsonNode owner = request.path("ownerName");
        if (owner.isMissingNode() || owner.isNull()) {
            errors.add(new FieldError("ownerName", "is required"));
        } else if (!owner.isTextual()) {
            errors.add(new FieldError("ownerName", "must be a string"));
        } else if (owner.asText().isBlank()) {
            errors.add(new FieldError("ownerName", "must not be blank"));
        } else if (owner.asText().indexOf('\0') >= 0) {
            errors.add(new FieldError("ownerName", "must not contain the NUL character"));
        }
        JsonNode description = request.path("description");
        if (!description.isMissingNode() && !description.isNull() && !description.isTextual()) {
            errors.add(new FieldError("description", "must be a string"));
        } else if (description.isTextual() && description.asText().indexOf('\0') >= 0) {
            errors.add(new FieldError("description", "must not contain the NUL character"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new NamespaceRequest(
                owner.asText(), description.isTextual() ? Optional.of(description.asText()) : Optional.empty());
    }

    private static JsonNode read(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.missingNode();
        }
        try {
            JsonNode tree = JSON.readTree(new String(body, StandardCharsets.UTF_8));
            return tree == null ? JSON.missingNode() : tree;
        } catch (JsonProcessingException exception) {
            throw new LineageException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
        }
    }

    private static LineageException invalid(List<FieldError> errors) {
        String detail = "invalid namespace: "
                + String.join(
                        "; ",
                        errors.stream()
                                .map(error -> error.field() + " " + error.message())
                                .toList());
        return new LineageException(ErrorCode.INVALID_NAMESPACE, detail, errors);
    }
}
