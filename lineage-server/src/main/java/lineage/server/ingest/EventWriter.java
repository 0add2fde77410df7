package lineage.server.ingest;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lineage.server.model.EdgeChange;
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
     * What was written: how many events were new (an event already stored is left out and changes nothing), their
     * graph changes, and the namespaces their projections wrote (none for an event already stored: it may be one that
     * was never projected, whose namespaces need not exist).
     */
    public record Written(int stored, List<EdgeChange> changes, Set<String> namespaces) {
        static Written of(List<Projection> projections, List<EdgeChange> changes) {
            Set<String> namespaces = new java.util.TreeSet<>();
            projections.forEach(projection -> namespaces.addAll(projection.namespaces()));
            return new Written(projections.size(), changes, Set.copyOf(namespaces));
        }
    }

    /**
     * One event. The row is marked projected as it is inserted: if the projection fails, the whole transaction rolls
     * back. {@code beforeCommit} runs last, inside the transaction, when the event was new (see
     * {@link #appendAndProjectAll}).
     */
    @Transactional
    public Written appendAndProject(LineageEvent event, EventRow row, Runnable beforeCommit) {
        if (eventLog.appendProjected(List.of(row)).isEmpty()) {
            return new Written(0, List.of(), Set.of());
        }
        List<Projection> projections = List.of(projector.plan(event));
        Written written = Written.of(projections, projectionWriter.write(projections));
        beforeCommit.run();
        return written;
    }

    /**
     * A batch in one transaction, set-based: its events are appended with one statement and the new ones (an event
     * sent twice counts once) projected together. {@code beforeCommit} runs last, inside the transaction: the caller
     * takes its job locks there, so that it holds them from just before the commit until the graph shows the changes.
     */
    @Transactional
    public Written appendAndProjectAll(List<LineageEvent> events, List<EventRow> rows, Runnable beforeCommit) {
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
        Written written = Written.of(projections, projectionWriter.write(projections));
        beforeCommit.run();
        return written;
    }

    /**
     * Keeps an event whose projection failed, so that it is never lost and can be projected again. When this returns,
     * the log holds the event (this row, or the same event stored before); it throws when it could not be stored.
     */
    @Transactional
    public void appendUnprojected(EventRow row, String error) {
        eventLog.appendUnprojected(row).ifPresent(id -> eventLog.markProjectionFailed(id, error));
    }

    /** Projects an event of the log again (a split re-projects part of the model); the log is left as it is. */
    @Transactional
    public void projectAgain(LineageEvent event) {
        projectionWriter.write(List.of(projector.plan(event)));
    }

    /** Projects an event of the log that is not projected yet. */
    @Transactional
    public List<EdgeChange> project(long eventId, LineageEvent event) {
        List<EdgeChange> changes = projectionWriter.write(List.of(projector.plan(event)));
        eventLog.markProjected(eventId);
        return changes;
    }
}
