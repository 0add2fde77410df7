package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/tags}: a page of tags, without a total (as in Marquez). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TagsResponse(List<TagResponse> tags) {}
