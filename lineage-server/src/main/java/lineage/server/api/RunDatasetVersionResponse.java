package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * Marquez's InputDatasetVersion and OutputDatasetVersion, the items of a run's {@code inputDatasetVersions} and {@code
 * outputDatasetVersions}: a version of a dataset the run read or wrote, with the facets it had for the run. No run here
 * records them, so the lists are empty; the type gives them Marquez's shape in the OpenAPI document.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunDatasetVersionResponse(VersionIdResponse datasetVersionId, JsonNode facets) {}
