package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * Marquez's IntervalMetric: of {@code /api/v1/stats/jobs}, {@code datasets} and {@code sources}, how many there were at
 * the end of the interval (a running total, as Marquez counts: its UI draws the growth).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IntervalMetricResponse(Instant startInterval, Instant endInterval, long count) {}
