package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** {@code GET /api/v1/jobs/runs/{id}/facets}: the run's facets, or the job facets of its events. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunFacetsResponse(UUID runId, JsonNode facets) {}
