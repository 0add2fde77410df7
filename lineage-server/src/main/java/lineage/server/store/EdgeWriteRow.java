package lineage.server.store;

import java.time.OffsetDateTime;

/** A job↔dataset edge as a write leaves it: when it was seen, its source and whether it is current. */
public record EdgeWriteRow(
        long jobId,
        long datasetId,
        String direction,
        String source,
        OffsetDateTime firstSeen,
        OffsetDateTime lastSeen,
        boolean current) {}
