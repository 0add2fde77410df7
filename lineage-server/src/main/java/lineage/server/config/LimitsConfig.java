package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/**
 * Bounds on the work one request may cause ({@code lineage.limits.*}): questions too big to answer are refused before
 * any work, and work that runs past its time is stopped. The body itself is bounded by {@code lineage.max-event-bytes}.
 *
 * @param maxSchemaChanges most changes one schema-change preview assesses ({@code changes} items, or statements of its
 *     {@code ddl}); more gets 413
 * @param maxDdlBytes largest {@code ddl} script of a schema-change preview, in UTF-8 bytes; larger gets 413
 * @param maxWorkTime longest a schema-change preview, an impact analysis or a lineage answer or export may work; past it
 *     the work stops and the answer is 503 {@code WORK_TOO_LONG}
 * @param sqlParseTime longest one parse of stored SQL may take within that work (a statement not parsed in time is
 *     treated as unparsable)
 * @param maxBatchEvents most elements of one batch ({@code POST /api/v1/lineage} with a JSON array); more gets 413, so
 *     that the answer, which lists every rejected element, stays small
 */
@ConfigurationProperties("lineage.limits")
public record LimitsConfig(
        @Bindable(defaultValue = "1000") @Min(1) int maxSchemaChanges,
        @Bindable(defaultValue = "1048576") @Min(1) int maxDdlBytes,
        @Bindable(defaultValue = "30s") Duration maxWorkTime,
        @Bindable(defaultValue = "1400ms") Duration sqlParseTime,
        @Bindable(defaultValue = "100000") @Min(1) int maxBatchEvents) {
    public LimitsConfig {
        requireNonNull(maxWorkTime, "maxWorkTime is null");
        requireNonNull(sqlParseTime, "sqlParseTime is null");
        if (maxWorkTime.isNegative() || maxWorkTime.isZero()) {
            throw new IllegalArgumentException("lineage.limits.max-work-time must be positive: " + maxWorkTime);
        }
        if (sqlParseTime.isNegative() || sqlParseTime.isZero()) {
            throw new IllegalArgumentException("lineage.limits.sql-parse-time must be positive: " + sqlParseTime);
        }
    }
}
