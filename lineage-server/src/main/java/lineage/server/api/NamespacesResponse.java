package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** {@code GET /api/v1/namespaces}: a page of namespaces, without a total (as in Marquez). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record NamespacesResponse(List<NamespaceResponse> namespaces) {}
