package lineage.server.ingest;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import lineage.server.graph.LineageGraph;
import lineage.server.model.NodeId;
import lineage.server.store.DatabaseFailures;
import lineage.server.store.EdgeReader;
import lineage.server.store.EventLogStore;
import lineage.server.store.ProjectionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this server's in-memory graph in step with writes that other servers on the same database made: every
 * {@code lineage.follow-interval} (500 ms) it reads which jobs other servers projected events of, and reloads their
 * current edges from the store.
 *
 * <p>Rows are followed by the transaction that projected them, which a row of the log records with the server that
 * wrote it. A round reads the rows of transactions from the oldest one still running at the previous round on: every
 * transaction before that had finished, so the previous round saw its rows, however late it committed. Rows a round
 * reads again (their transaction came after that oldest one) are skipped by event id. So each row is read about once,
 * and this server's own rows, which its graph already holds, are not read at all.
 */
@Singleton
public class ReplicaFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFollower.class);

    private final ProjectionLog log;
    private final EdgeReader edges;
    private final EventLogStore eventLog;
    private final LineageGraph graph;
    private final JobLocks locks;
    /** The event ids read so far whose transactions the next round reads again, with those transactions. */
    private final Map<Long, Long> handled = new HashMap<>();
    /** The transaction the next round reads from; null until the graph is loaded. */
    private Long from;
    /** Whether the last round found the database unavailable: an outage is logged once, not every round. */
    private volatile boolean databaseDown;

    public ReplicaFollower(
            ProjectionLog log, EdgeReader edges, EventLogStore eventLog, LineageGraph graph, JobLocks locks) {
        this.log = log;
        this.edges = edges;
        this.eventLog = eventLog;
        this.graph = graph;
        this.locks = locks;
    }

    /**
     * Called before the graph is loaded from the store: what the load reads is in the graph, and following starts from
     * the transactions that might still be running then. Later loads change nothing here.
     */
    public synchronized void start() {
        if (from == null) {
            from = log.oldestRunningTransaction();
        }
    }

    @Scheduled(fixedDelay = "${lineage.follow-interval:500ms}", initialDelay = "${lineage.follow-interval:500ms}")
    public void scheduled() {
        try {
            follow();
            if (databaseDown) {
                databaseDown = false;
                LOG.info("The database is back; following other servers' writes again");
            }
        } catch (RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                if (!databaseDown) {
                    databaseDown = true;
                    LOG.warn(
                            "Following other servers' writes paused: the database is unavailable ({}); it resumes by"
                                    + " itself",
                            DatabaseFailures.describe(failure).orElse(""));
                }
                return;
            }
            LOG.warn("Following other servers' writes failed; the next round tries again", failure);
        }
    }

    /** One round: returns how many jobs' edges were reloaded. */
    public synchronized int follow() {
        if (from == null) {
            return 0;
        }
        // Taken before the read: every transaction below it has finished, so the read sees all their rows.
        long next = log.oldestRunningTransaction();
        Set<NodeId> jobs = new LinkedHashSet<>();
        for (ProjectionLog.ProjectedJob event : log.jobsProjectedByOthers(from, eventLog.server())) {
            if (handled.putIfAbsent(event.eventId(), event.transaction()) == null) {
                jobs.add(NodeId.job(event.namespace(), event.name()));
            }
        }
        from = next;
        handled.values().removeIf(transaction -> transaction < next);
        for (NodeId job : jobs) {
            // Under the job's lock: a local write of the same job cannot land between the read and the replace.
            ReentrantLock lock = locks.lock(JobLocks.stripe(job.namespace(), job.name()));
            lock.lock();
            try {
                graph.replaceJobEdges(job, edges.currentEdges(job.namespace(), job.name()));
            } finally {
                lock.unlock();
            }
        }
        return jobs.size();
    }
}
