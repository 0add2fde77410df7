package lineage.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.store.TagRow;
import lineage.server.store.TagStore;

/** Marquez's {@code /api/v1/tags}: the tags by name, and creating or describing one. */
@Controller("/api/v1/tags")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TagController {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TagStore tags;

    public TagController(TagStore tags) {
        this.tags = tags;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public TagsResponse list(
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        return new TagsResponse(tags.findTags(paging.limit(), paging.offset()).stream()
                .map(TagResponse::of)
                .toList());
    }

    /** Creates the tag, or replaces its description; the body {@code {"description": "..."}} may be left out. */
    @Put(uri = "/{name}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public TagResponse put(@PathVariable String name, @Body @Nullable byte[] body) {
        if (name.isBlank()) {
            throw Parameters.invalid("name", "must not be blank");
        }
        return TagResponse.of(tags.putTag(name, description(body).orElse(null)));
    }

    /** The tag, or a 404 {@code TAG_NOT_FOUND}; tagging endpoints check theirs with it. */
    static TagRow getTag(TagStore tags, String tag) {
        return tags.findTag(tag).orElseThrow(() -> new LineageException(ErrorCode.TAG_NOT_FOUND, "no tag " + tag));
    }

    private static Optional<String> description(@Nullable byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        JsonNode request;
        try {
            request = JSON.readTree(new String(body, StandardCharsets.UTF_8));
        } catch (JsonProcessingException exception) {
            throw new LineageException(ErrorCode.MALFORMED_JSON, "the body is not valid JSON");
        }
        if (request == null || !request.isObject()) {
            throw Parameters.invalid("body", "must be a JSON object");
        }
        JsonNode description = request.path("description");
        if (description.isMissingNode() || description.isNull()) {
            return Optional.empty();
        }
        if (!description.isTextual()) {
            throw Parameters.invalid("description", "must be a string");
        }
        return Optional.of(description.asText());
    }
}
