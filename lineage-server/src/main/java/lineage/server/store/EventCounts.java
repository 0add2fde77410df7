package lineage.server.store;

/**
 * The statement parts that keep {@code lineage_event_counts} (V14) in step with the event log: the events a statement
 * stores or deletes, counted per quarter hour and type into the rows of the writing backend.
 */
final class EventCounts {
    /** The quarter hour of a time, whatever the session's timezone. */
    static final String BUCKET = "to_timestamp(floor(extract(epoch FROM %s) / 900) * 900)";

    private EventCounts() {}

    /**
     * A {@code WITH} element named {@code counted} adding ({@code sign} {@code +}) or taking away ({@code -}) the rows
     * of the element {@code rows}, which has the columns {@code event_time} and {@code event_type}. Rows are written in
     * key order, so statements of one backend never lock them in opposite orders.
     */
    static String counted(String rows, char sign) {
        return """
                counted AS (
                    INSERT INTO lineage_event_counts (bucket_start, event_type, writer, events)
                    SELECT %s, COALESCE(event_type, ''), pg_backend_pid(), %ccount(*) FROM %s
                    GROUP BY 1, 2 ORDER BY 1, 2
                    ON CONFLICT (bucket_start, event_type, writer)
                    DO UPDATE SET events = lineage_event_counts.events + EXCLUDED.events)"""
                .formatted(BUCKET.formatted("event_time"), sign, rows);
    }
}
