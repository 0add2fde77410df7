package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * An event log in memory, paged as a server pages {@code GET /api/v1/events/lineage?sortDirection=asc}: by stored
 * time, then arrival. The store keeps times to a precision (PostgreSQL: the microsecond, rounded), and {@code after}
 * is inclusive (this server, Marquez 0.51) or exclusive (as a server might read it).
 */
final class TestingEventLog implements EventPages {
    enum After {
        INCLUSIVE,
        EXCLUSIVE
    }

    private record Stored(Instant time, long arrival, JsonNode event) {}

    private final After after;
    private final Duration precision;
    private final boolean rounds;
    private final List<Stored> events = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private Consumer<TestingEventLog> beforeEachPage = log -> {};
    private long arrivals;

    private TestingEventLog(After after, Duration precision, boolean rounds) {
        this.after = after;
        this.precision = precision;
        this.rounds = rounds;
    }

    /** Stores times as PostgreSQL does: rounded to the microsecond. */
    static TestingEventLog postgres(After after) {
        return new TestingEventLog(after, Duration.ofNanos(1_000), true);
    }

    /** Stores times cut to the millisecond. */
    static TestingEventLog milliseconds(After after) {
        return new TestingEventLog(after, Duration.ofMillis(1), false);
    }

    /** Something to do before each page is read: events that arrive meanwhile. */
    TestingEventLog beforeEachPage(Consumer<TestingEventLog> action) {
        this.beforeEachPage = action;
        return this;
    }

    /** Appends an event of that time, told apart from the others by its sequence number. */
    ObjectNode add(String eventTime) {
        ObjectNode event = event(eventTime, arrivals);
        events.add(new Stored(stored(Instant.parse(eventTime)), arrivals++, event));
        return event;
    }

    List<JsonNode> all() {
        return events.stream().map(Stored::event).toList();
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    static ObjectNode event(String eventTime, long sequence) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        event.put("eventTime", eventTime);
        event.put("eventType", "START");
        event.putObject("run").put("runId", String.format("00000000-0000-4000-8000-%012d", sequence));
        event.putObject("job").put("namespace", "tests").put("name", "job");
        return event;
    }

    @Override
    public Page page(Request request) {
        beforeEachPage.accept(this);
        requests.add(request);
        List<Stored> window = events.stream()
                .filter(stored -> after == After.INCLUSIVE
                        ? !stored.time().isBefore(request.after())
                        : stored.time().isAfter(request.after()))
                .filter(stored -> stored.time().isBefore(request.before()))
                .sorted(Comparator.comparing(Stored::time).thenComparingLong(Stored::arrival))
                .toList();
        return new Page(
                window.stream()
                        .skip(request.offset())
                        .limit(request.limit())
                        .map(Stored::event)
                        .toList(),
                window.size());
    }

    private Instant stored(Instant time) {
        long unit = precision.toNanos();
        long nanos = time.getNano();
        long kept = rounds ? Math.round(nanos / (double) unit) * unit : nanos / unit * unit;
        return time.truncatedTo(ChronoUnit.SECONDS).plusNanos(kept);
    }
}
