package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.graph.LineageGraph;
import lineage.server.store.DatabaseFailures;
import lineage.server.store.EventRow;
import lineage.server.store.NamespaceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts OpenLineage events: validates them, stores each once (by the hash of its canonical JSON), projects it into
 * the model in the same transaction, then updates the in-memory graph. When this returns, the event is durable and
 * every read already reflects it.
 *
 * <p>Requests are written through a {@link GroupCommit}: those that arrive while a write runs are written together in
 * the next transaction, set-based like a batch. If a group cannot be written as a whole, each request in it is written
 * alone, so that one bad event costs only its own request; but when the database is unavailable ({@link
 * DatabaseFailures}), the whole group is refused at once with {@code DATABASE_UNAVAILABLE} (503).
 *
 * <p>A write holds the {@link JobLocks} of the jobs it names from just before its commit until the graph shows its
 * changes, so that the graph sees a job's edge changes in the order the database committed them, whoever else writes
 * (a second group write, a replica's follower, reprocessing). Two transactions that change one job also upsert its
 * row, so PostgreSQL commits them one after the other; the locks are not held while the statements run, so two
 * writes of different jobs run side by side. Deadlocks between concurrent writers are retried.
 */
@Singleton
public class EventIngester {
    private static final Logger LOG = LoggerFactory.getLogger(EventIngester.class);
    private static final int ATTEMPTS = 4;

    private final EventWriter writer;
    private final NamespaceStore namespaceStore;
    private final LineageGraph graph;
    private final JobLocks locks;
    private final Visibility visibility;
    private final IngestMetrics metrics;
    private final IncomingEvents incoming;
    private final GroupCommit groups;

    public EventIngester(
            EventWriter writer,
            NamespaceStore namespaceStore,
            LineageGraph graph,
            JobLocks locks,
            Visibility visibility,
            IngestMetrics metrics,
            IncomingEvents incoming,
            LineageConfig config) {
        this.writer = writer;
        this.namespaceStore = namespaceStore;
        this.graph = graph;
        this.locks = locks;
        this.visibility = visibility;
        this.metrics = metrics;
        this.incoming = incoming;
        this.groups = new GroupCommit(
                metrics,
                config.maxGroupWait(),
                group -> visibility.ingesting(() -> {
                    write(group);
                    return null;
                }));
    }

    /**
     * The outcome of a batch: how many were accepted and, for each rejected element, why; for each accepted element
     * whose bad facets were left out ({@code lineage.validation.facets: drop}), which.
     */
    public record BatchResult(int accepted, List<Rejected> rejected, List<Dropped> dropped) {}

    public record Rejected(int index, List<FieldError> errors) {}

    public record Dropped(int index, DroppedFacets facets) {}

    /**
     * Ingests one event (a JSON object) and says which of its facets were left out (none unless {@code
     * lineage.validation.facets} is {@code drop}). Throws {@link LineageException} for an invalid one.
     */
    public DroppedFacets ingest(JsonNode node) {
        IncomingEvents.Received received;
        try {
            received = received(node);
        } catch (LineageException invalid) {
            metrics.rejected(1);
            throw invalid;
        }
        LineageEvent event = received.event();
        groups.commit(new GroupCommit.Request(List.of(event), List.of(row(event))));
        return received.dropped();
    }

    private IncomingEvents.Received received(JsonNode node) {
        IncomingEvents.Received received = incoming.received(node, "");
        if (!received.dropped().isEmpty()) {
            metrics.droppedFacets(received.dropped().facets());
            LOG.warn(
                    "Dropped facet(s) {} of an event of job {} (lineage.validation.facets is drop): {}",
                    received.dropped().facets(),
                    received.event()
                            .job()
                            .map(job -> job.namespace() + " " + job.name())
                            .orElse("-"),
                    received.dropped().errors());
        }
        return received;
    }

    /**
     * Ingests an event mapped from another format (a Trino query event): the log keeps {@code received}, the event as
     * it arrived, under {@code kind}; {@code event} is how it is projected. Same contract as {@link #ingest(JsonNode)}.
     */
    public void ingestMapped(LineageEvent event, String kind, JsonNode received) {
        LineageEvent resolved;
        try {
            resolved = incoming.mapped(event);
        } catch (LineageException invalid) {
            metrics.rejected(1);
            throw invalid;
        }
        groups.commit(new GroupCommit.Request(List.of(resolved), List.of(row(resolved, kind, received))));
    }

    /** Counts events of another format that were rejected as invalid. */
    public void rejected() {
        metrics.rejected(1);
    }

    /** Ingests each valid element of a JSON array; an invalid element is rejected alone. */
    public BatchResult ingestBatch(JsonNode array) {
        int accepted = 0;
        List<Rejected> rejected = new ArrayList<>();
        List<Dropped> dropped = new ArrayList<>();
        List<LineageEvent> valid = new ArrayList<>();
        for (int index = 0; index < array.size(); index++) {
            LineageEvent event;
            try {
                IncomingEvents.Received received = received(array.get(index));
                event = received.event();
                if (!received.dropped().isEmpty()) {
                    dropped.add(new Dropped(index, received.dropped()));
                }
            } catch (LineageException invalid) {
                rejected.add(new Rejected(
                        index,
                        invalid.errors().isEmpty()
                                ? List.of(new FieldError("$", invalid.getMessage()))
                                : invalid.errors()));
                continue;
            }
            valid.add(event);
            accepted++;
        }
        metrics.rejected(rejected.size());
        if (!valid.isEmpty()) {
            groups.commit(new GroupCommit.Request(
                    valid, valid.stream().map(EventIngester::row).toList()));
        }
        return new BatchResult(accepted, rejected, dropped);
    }

    /**
     * Writes a group in one transaction; if that fails, each request alone. Failures go to their requests. When the
     * database is unavailable, every request not yet written fails at once: writing them one by one would only wait
     * for the connection timeout once per request.
     */
    private void write(List<GroupCommit.Request> group) {
        if (group.size() > 1) {
            List<LineageEvent> events = new ArrayList<>();
            List<EventRow> rows = new ArrayList<>();
            group.forEach(request -> {
                events.addAll(request.events());
                rows.addAll(request.rows());
            });
            try {
                writeTogether(events, rows);
                return;
            } catch (RuntimeException failure) {
                if (DatabaseFailures.isUnavailable(failure)) {
                    refuseAll(group, failure);
                    return;
                }
                LOG.warn(
                        "A group of {} requests ({} events) could not be written at once; writing each alone",
                        group.size(),
                        events.size(),
                        failure);
            }
        }
        for (int index = 0; index < group.size(); index++) {
            GroupCommit.Request request = group.get(index);
            try {
                if (request.events().size() == 1) {
                    ingest(request.events().get(0), request.rows().get(0));
                } else {
                    ingestAll(request.events(), request.rows());
                }
            } catch (RuntimeException failure) {
                if (DatabaseFailures.isUnavailable(failure)) {
                    refuseAll(group.subList(index, group.size()), failure);
                    return;
                }
                request.fail(failure);
            }
        }
    }

    /** Fails the requests with 503: the database is unavailable. One log line, no stack trace. */
    private static void refuseAll(List<GroupCommit.Request> requests, RuntimeException failure) {
        int events =
                requests.stream().mapToInt(request -> request.events().size()).sum();
        LOG.warn(
                "Database unavailable: {} request(s) ({} events) refused with 503: {}",
                requests.size(),
                events,
                DatabaseFailures.describe(failure).orElse(""));
        LineageException refusal = DatabaseFailures.refusal(
                "the database is unavailable, so the events may not be stored; send them again after the Retry-After"
                        + " seconds (an event stored twice changes nothing)",
                failure);
        requests.forEach(request -> request.fail(refusal));
    }

    /**
     * A batch is written in one transaction (one commit, not one per event). If the batch cannot be projected as a
     * whole, each event is written alone, so that one bad event costs only itself; not when the database is
     * unavailable, which fails the whole batch at once.
     */
    private void ingestAll(List<LineageEvent> events, List<EventRow> rows) {
        try {
            writeTogether(events, rows);
        } catch (RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                throw failure;
            }
            LOG.warn(
                    "A batch of {} events could not be written at once; writing them one by one",
                    events.size(),
                    failure);
            for (int index = 0; index < events.size(); index++) {
                ingest(events.get(index), rows.get(index));
            }
        }
    }

    /**
     * Events in one transaction, holding the locks of every job they name from just before the commit until the graph
     * shows them; throws if it fails.
     */
    private void writeTogether(List<LineageEvent> events, List<EventRow> rows) {
        JobLocks.Held held =
                locks.held(events.stream().map(EventIngester::stripe).toList());
        try {
            EventWriter.Written written = writeAll(events, rows, held);
            metrics.accepted(written.stored());
            metrics.duplicate(events.size() - written.stored());
            graph.apply(written.changes());
            namespaceStore.rememberCommitted(written.namespaces());
        } finally {
            held.unlock();
        }
    }

    private EventWriter.Written writeAll(List<LineageEvent> events, List<EventRow> rows, JobLocks.Held held) {
        for (int attempt = 1; ; attempt++) {
            try {
                return metrics.timeBatch(() -> writer.appendAndProjectAll(events, rows, held::lock));
            } catch (RuntimeException failure) {
                held.unlock(); // a failed commit may have taken them
                if (!isTransient(failure) || attempt >= ATTEMPTS) {
                    throw failure;
                }
                LOG.debug("Retrying a batch of {} events after a transient failure", events.size(), failure);
            }
        }
    }

    private static int stripe(LineageEvent event) {
        return event.job()
                .map(job -> JobLocks.stripe(job.namespace(), job.name()))
                .or(() -> event.dataset().map(dataset -> JobLocks.stripe(dataset.namespace(), dataset.name())))
                .orElse(0);
    }

    private void ingest(LineageEvent event, EventRow row) {
        JobLocks.Held held = locks.held(List.of(stripe(event)));
        try {
            EventWriter.Written written = write(event, row, held);
            if (written.stored() > 0) {
                metrics.accepted(1);
                graph.apply(written.changes());
            } else {
                metrics.duplicate(1);
            }
            namespaceStore.rememberCommitted(written.namespaces());
        } finally {
            held.unlock();
        }
    }

    private EventWriter.Written write(LineageEvent event, EventRow row, JobLocks.Held held) {
        for (int attempt = 1; ; attempt++) {
            try {
                return metrics.timeEvent(() -> writer.appendAndProject(event, row, held::lock));
            } catch (RuntimeException failure) {
                held.unlock(); // a failed commit may have taken it
                if (DatabaseFailures.isUnavailable(failure)) {
                    throw failure; // nothing to keep for reprocessing: the log cannot be written either
                }
                if (isTransient(failure) && attempt < ATTEMPTS) {
                    LOG.debug("Retrying event {} after a transient failure", row.hash(), failure);
                    continue;
                }
                throw unprojected(row, failure);
            }
        }
    }

    /**
     * Keeps an event whose projection failed in the log, unprojected, for reprocessing at the next start, and says so
     * only when the log really holds it.
     */
    private LineageException unprojected(EventRow row, RuntimeException failure) {
        RuntimeException notStored = null;
        try {
            writer.appendUnprojected(row, ProjectionFailures.reason(failure));
        } catch (RuntimeException appendFailure) {
            notStored = appendFailure;
            failure.addSuppressed(appendFailure);
        }
        LOG.error(
                "Projection of event {} (job {}.{}, run {}) failed; {}",
                row.hash(),
                row.jobNamespace(),
                row.jobName(),
                row.runId(),
                notStored == null ? "stored for reprocessing" : "not stored either",
                failure);
        if (notStored == null) {
            return new LineageException(
                    ErrorCode.INTERNAL,
                    "the event is stored but could not be projected; it will be projected again when the server"
                            + " restarts");
        }
        if (DatabaseFailures.isUnavailable(notStored)) {
            return DatabaseFailures.refusal(
                    "the database became unavailable, so the event may not be stored; send it again after the"
                            + " Retry-After seconds",
                    notStored);
        }
        return new LineageException(ErrorCode.INTERNAL, "the event could not be stored; the server log says why");
    }

    /** Deadlocks and serialization failures between concurrent writers: the transaction can simply run again. */
    private static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().equals("40P01")
                            || sql.getSQLState().equals("40001")
                            || sql.getSQLState().equals("23505"))) {
                return true;
            }
        }
        return false;
    }

    static EventRow row(LineageEvent event) {
        return row(event, event.kind().name(), event.payload());
    }

    /** The log's row of an event: {@code payload} as received (in canonical form), with the event's keys. */
    static EventRow row(LineageEvent event, String kind, JsonNode payload) {
        CanonicalJson.Canonical canonical = CanonicalJson.of(payload);
        return new EventRow(
                canonical.hash(),
                kind,
                event.eventType().map(Enum::name).orElse(null),
                event.eventTime(),
                event.runId().orElse(null),
                event.job().map(LineageEvent.JobRef::namespace).orElse(null),
                event.job().map(LineageEvent.JobRef::name).orElse(null),
                event.producer(),
                canonical.text());
    }
}
