package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;

/**
 * A job↔dataset edge as a write leaves it: when it was seen, its source, and when it stopped being current (null while
 * it is current).
 */
public record EdgeWriteRow(
        long jobId,
        long datasetId,
        String direction,
        String source,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        @Nullable OffsetDateTime retiredAt) {
    public boolean current() {
        return retiredAt == null;
    }
}
