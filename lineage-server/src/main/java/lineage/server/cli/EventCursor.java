package lineage.server.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.ingest.CanonicalJson;
import lineage.server.model.TimeRange;

/**
 * Reads a server's whole event log in ascending event time, a page at a time, without skipping or repeating an event,
 * while the log grows. Offset paging over the newest-first list skips events whenever new ones arrive; so the cursor
 * is a time: each page asks for the events from the latest time read so far ({@code after}), oldest first, and keeps
 * only those it has not handed out yet (by the SHA-256 of their canonical JSON, as the server tells events apart).
 *
 * <p>The details that make it safe:
 *
 * <ul>
 *   <li>{@code after} goes a {@link #MARGIN} before the cursor, so the events at the cursor's time come again whether
 *       the server reads {@code after} inclusively (this server and Marquez 0.51: {@code after <= eventTime}) or
 *       exclusively, and whether it stores times to the microsecond (PostgreSQL rounds nanoseconds) or the
 *       millisecond. The events seen again are dropped here.
 *   <li>When a whole page lies within that margin (more events of one time than a page holds), the cursor cannot move:
 *       the next page keeps {@code after} and skips the events read so far with {@code offset}. That needs the server
 *       to list events of equal time in a stable order: this server orders them by arrival; Marquez by its
 *       {@code event_time} index. New events only move later ones further down, so they are read twice (and dropped),
 *       never skipped.
 *   <li>The log is read when a page comes back with fewer events than asked for.
 * </ul>
 *
 * Every event with a time before {@link #resumeFrom()} has been handed out: reading again from there (with {@code
 * --since}) misses nothing; the events at that time are handed out again, which the server takes as the duplicates
 * they are. Not thread-safe: one reader.
 */
final class EventCursor {
    static final Duration MARGIN = Duration.ofMillis(1);
    /**
     * How far a stored time may lie from the event's own: PostgreSQL rounds nanoseconds to the microsecond, so two
     * events stored at one time (listed by arrival) may be up to this far apart, the later listed first.
     */
    static final Duration PRECISION = Duration.ofNanos(1_000);

    private final Instant since;
    private final Instant until;
    private final int pageSize;
    // The hashes of the events handed out whose time is at or after the current page's `after`, with their times.
    private final Map<String, Instant> handedOut = new HashMap<>();
    private Instant cursor;
    private int offset;
    private boolean done;

    /** The events with {@code since <= eventTime < until}, {@code pageSize} to a request. */
    EventCursor(Instant since, Instant until, int pageSize) {
        this.since = requireNonNull(since, "since is null");
        this.until = requireNonNull(until, "until is null");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since " + since + " is not before until " + until);
        }
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize is below 1: " + pageSize);
        }
        this.pageSize = pageSize;
        this.cursor = since;
    }

    /** The request for the next page. */
    EventPages.Request next() {
        if (done) {
            throw new IllegalStateException("the log has been read");
        }
        return new EventPages.Request(after(), earlier(until.plus(MARGIN), TimeRange.MAX), pageSize, offset);
    }

    /**
     * Takes the answer to {@link #next()}: the events not handed out before, within the window, in the page's order.
     *
     * @throws CommandFailure when the page is not in ascending time order (the server ignored {@code sortDirection})
     */
    List<JsonNode> accept(EventPages.Page page) throws CommandFailure {
        List<JsonNode> fresh = new ArrayList<>();
        Instant latest = cursor;
        Instant previous = TimeRange.MIN;
        for (JsonNode event : page.events()) {
            Optional<Instant> time = EventTimes.of(event);
            if (time.isPresent()) {
                if (time.get().isBefore(previous.minus(MARGIN))) {
                    throw new CommandFailure("the server listed " + time.get() + " after " + previous
                            + ": it does not page events oldest first (sortDirection=asc)");
                }
                previous = time.get();
                latest = later(latest, earlier(time.get(), until));
                if (time.get().isBefore(since.minus(PRECISION)) || !time.get().isBefore(until)) {
                    continue;
                }
            }
            // An event without a readable time is handed on as it is: the receiving server names what is wrong.
            if (handedOut.putIfAbsent(CanonicalJson.hash(event), time.orElse(cursor)) == null) {
                fresh.add(event);
            }
        }
        if (latest.isAfter(cursor)) {
            cursor = latest;
            offset = 0;
            Instant after = after();
            handedOut.values().removeIf(time -> time.isBefore(after));
        } else {
            offset += page.events().size();
        }
        done = page.events().size() < pageSize;
        return fresh;
    }

    boolean done() {
        return done;
    }

    /** Every event before this time has been handed out (see the class comment). */
    Instant resumeFrom() {
        return cursor;
    }

    private Instant after() {
        return later(cursor.minus(MARGIN), TimeRange.MIN);
    }

    private static Instant later(Instant first, Instant second) {
        return first.isAfter(second) ? first : second;
    }

    private static Instant earlier(Instant first, Instant second) {
        return first.isBefore(second) ? first : second;
    }
}
