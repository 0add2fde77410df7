package lineage.server.model;

import java.time.Instant;

/**
 * The times the server accepts, in events and in read parameters: from 1900-01-01T00:00:00Z to
 * 9999-12-31T23:59:59Z, both included. PostgreSQL's {@code timestamptz} holds a wider range, but Java and the wire
 * format (four-digit years) do not agree with it outside this one.
 */
public final class TimeRange {
    public static final Instant MIN = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    private TimeRange() {}

    /** Whether {@code time} lies within {@link #MIN} and {@link #MAX}, both included. */
    public static boolean contains(Instant time) {
        return !time.isBefore(MIN) && !time.isAfter(MAX);
    }
}
