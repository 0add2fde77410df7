package lineage.server.ingest;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.graph.EdgeChange;
import lineage.server.store.EventRow;
import lineage.server.store.LineageStore;

/** The transactions of ingestion: an event is appended to the log and projected in one transaction. */
@Singleton
public class EventWriter {
    private final LineageStore store;
    private final Projector projector;

    public EventWriter(LineageStore store, Projector projector) {
        this.store = store;
        this.projector = projector;
    }

    /**
     * The graph changes of a new event; empty when the same event was already stored (then nothing changes). The row
     * is marked projected as it is inserted: if the projection fails, the whole transaction rolls back.
     */
    @Transactional
    public Optional<List<EdgeChange>> appendAndProject(LineageEvent event, EventRow row) {
        if (store.appendEvent(row, true).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(projector.project(event));
    }

    /** What a batch wrote: how many of its events were new, and their graph changes in order. */
    public record BatchWrite(int stored, List<EdgeChange> changes) {}

    /** A batch in one transaction: the graph changes of its new events, in order. */
    @Transactional
    public BatchWrite appendAndProjectAll(List<LineageEvent> events, List<EventRow> rows) {
        projector.prepare(events);
        int stored = 0;
        List<EdgeChange> changes = new ArrayList<>();
        for (int index = 0; index < events.size(); index++) {
            if (store.appendEvent(rows.get(index), true).isPresent()) {
                stored++;
                changes.addAll(projector.project(events.get(index)));
            }
        }
        return new BatchWrite(stored, changes);
    }

    /** Keeps an event whose projection failed, so that it is never lost and can be projected again. */
    @Transactional
    public void appendUnprojected(EventRow row, String error) {
        store.appendEvent(row, false).ifPresent(id -> store.markProjectionFailed(id, error));
    }

    /** Projects an event of the log that is not projected yet. */
    @Transactional
    public List<EdgeChange> project(long eventId, LineageEvent event) {
        List<EdgeChange> changes = projector.project(event);
        store.markProjected(eventId);
        return changes;
    }
}
