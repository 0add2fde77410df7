package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code PUT} and {@code DELETE /api/v1/aliases}: the alias, whether the request changed anything, and
 * what the operator should know (both datasets written by jobs of their own; what a split restores).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AliasAnswer(AliasResponse alias, boolean changed, List<String> warnings) {}
