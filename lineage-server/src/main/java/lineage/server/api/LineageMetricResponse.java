package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Marquez's LineageMetric: the stored lineage events of one interval of {@code /api/v1/stats/lineage-events}, by type
 * (RUNNING, OTHER and events without a type are not shown, as in Marquez).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LineageMetricResponse(
        Instant startInterval, Instant endInterval, long fail, long start, long complete, long abort) {}
