package lineage.server.ingest;

import java.time.OffsetDateTime;

/** The earlier and the later of two event times. */
final class Times {
    private Times() {}

    static OffsetDateTime min(OffsetDateTime first, OffsetDateTime second) {
        return second.isBefore(first) ? second : first;
    }

    static OffsetDateTime max(OffsetDateTime first, OffsetDateTime second) {
        return second.isAfter(first) ? second : first;
    }
}
