package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/sources}: a page of sources by name (Marquez gives no count). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SourcesResponse(List<SourceResponse> sources) {}
