package lineage.server.model;

import java.time.Instant;

/**
 * The times the service accepts, in events and in read parameters alike: from {@link #MIN} to {@link #MAX}, both
 * included. PostgreSQL's {@code timestamptz} holds years 4713 BC to 294276 AD and Java's {@link Instant} more; this
 * range is narrower on purpose, so that every accepted time can be stored, compared and written back in four-digit-year
 * ISO-8601 without surprises.
 */
public final class TimeRange {
    public static final Instant MIN = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    private TimeRange() {}

    public static boolean contains(Instant time) {
        return !time.isBefore(MIN) && !time.isAfter(MAX);
    }

    /** For messages: {@code must be between 1900-01-01T00:00:00Z and 9999-12-31T23:59:59Z}. */
    public static String rule() {
        return "must be between " + MIN + " and " + MAX;
    }
}
