package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/aliases}: every alias in force, with their number. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AliasesResponse(List<AliasResponse> aliases, int totalCount) {}
