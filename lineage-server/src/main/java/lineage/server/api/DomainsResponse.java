package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/domains}: every domain. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DomainsResponse(List<DomainResponse> domains) {}
