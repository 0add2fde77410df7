package lineage.server.ingest;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lineage.server.graph.EdgeChange;
import lineage.server.store.EventLogStore;
import lineage.server.store.EventRow;

/** The transactions of ingestion: events are appended to the log and projected in one transaction. */
@Singleton
public class EventWriter {
    private final EventLogStore eventLog;
    private final Projector projector;
    private final ProjectionWriter projectionWriter;

    public EventWriter(EventLogStore eventLog, Projector projector, ProjectionWriter projectionWriter) {
        this.eventLog = eventLog;
        this.projector = projector;
        this.projectionWriter = projectionWriter;
    }

    /**
     * The graph changes of a new event; empty when the same event was already stored (then nothing changes). The row
     * is marked projected as it is inserted: if the projection fails, the whole transaction rolls back.
     */
    @Transactional
    public Optional<List<EdgeChange>> appendAndProject(LineageEvent event, EventRow row) {
        if (eventLog.appendProjected(List.of(row)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(projectionWriter.write(List.of(projector.plan(event))));
    }

    /** What a batch wrote: how many of its events were new, and their graph changes. */
    public record BatchWrite(int stored, List<EdgeChange> changes) {}

    /**
     * A batch in one transaction, set-based: its events are appended with one statement and the new ones (an event
     * sent twice counts once) projected together.
     */
    @Transactional
    public BatchWrite appendAndProjectAll(List<LineageEvent> events, List<EventRow> rows) {
        Map<String, Integer> firstByHash = new LinkedHashMap<>();
        for (int index = 0; index < rows.size(); index++) {
            firstByHash.putIfAbsent(rows.get(index).hash(), index);
        }
        List<EventRow> distinct = firstByHash.values().stream().map(rows::get).toList();
        Set<String> stored = eventLog.appendProjected(distinct);
        List<Projection> projections = new ArrayList<>();
        firstByHash.forEach((hash, index) -> {
            if (stored.contains(hash)) {
                projections.add(projector.plan(events.get(index)));
            }
        });
        return new BatchWrite(stored.size(), projectionWriter.write(projections));
    }

    /** Keeps an event whose projection failed, so that it is never lost and can be projected again. */
    @Transactional
    public void appendUnprojected(EventRow row, String error) {
        eventLog.appendUnprojected(row).ifPresent(id -> eventLog.markProjectionFailed(id, error));
    }

    /** Projects an event of the log that is not projected yet. */
    @Transactional
    public List<EdgeChange> project(long eventId, LineageEvent event) {
        List<EdgeChange> changes = projectionWriter.write(List.of(projector.plan(event)));
        eventLog.markProjected(eventId);
        return changes;
    }
}
