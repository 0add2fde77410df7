package lineage.server.graph;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import lineage.server.model.NodeId;
import lineage.server.store.GraphReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this server's in-memory graph in step with writes that other servers on the same database made: every
 * {@code lineage.follow-interval} (500 ms) it reads which jobs had events projected recently and reloads their
 * current edges from the store. The events this server wrote itself are already in its graph: the ingester names them
 * ({@link #wrote}) and they are skipped, so a single server does not read back every job it writes.
 *
 * <p>The window looks back {@value #LOOK_BACK_SECONDS} s on the database's clock, so a transaction that committed
 * late (its event id below ones already seen) is still picked up; event ids already handled are skipped.
 */
@Singleton
public class ReplicaFollower {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaFollower.class);
    private static final int LOOK_BACK_SECONDS = 10;

    private final GraphReader reader;
    private final LineageGraph graph;
    private final JobLocks locks;
    private final Map<Long, OffsetDateTime> handled = new LinkedHashMap<>();
    /** Bounded in case rounds stop (a long interval): an id that does not fit only makes a round reload its job. */
    private final BlockingQueue<Long> written = new LinkedBlockingQueue<>(1_000_000);

    public ReplicaFollower(GraphReader reader, LineageGraph graph, JobLocks locks) {
        this.reader = reader;
        this.graph = graph;
        this.locks = locks;
    }

    @Scheduled(fixedDelay = "${lineage.follow-interval:500ms}", initialDelay = "${lineage.follow-interval:500ms}")
    public void scheduled() {
        try {
            follow();
        } catch (RuntimeException failure) {
            LOG.warn("Following other servers' writes failed; the next round tries again", failure);
        }
    }

    /** The log ids of events this server has written and applied to its graph; a round skips them. */
    public void wrote(Collection<Long> eventIds) {
        eventIds.forEach(written::offer);
    }

    /** One round: returns how many jobs' edges were reloaded. */
    public synchronized int follow() {
        OffsetDateTime now = reader.now();
        OffsetDateTime since = now.minus(Duration.ofSeconds(LOOK_BACK_SECONDS));
        handled.values().removeIf(seen -> seen.isBefore(since.minusSeconds(LOOK_BACK_SECONDS)));
        for (Long eventId = written.poll(); eventId != null; eventId = written.poll()) {
            handled.put(eventId, now);
        }
        Set<NodeId> jobs = new LinkedHashSet<>();
        for (GraphReader.ProjectedJob event : reader.jobsProjectedSince(since)) {
            if (handled.putIfAbsent(event.eventId(), now) == null) {
                jobs.add(NodeId.job(event.namespace(), event.name()));
            }
        }
        for (NodeId job : jobs) {
            // Under the job's lock: a local write of the same job cannot land between the read and the replace.
            java.util.concurrent.locks.ReentrantLock lock = locks.lock(JobLocks.stripe(job.namespace(), job.name()));
            lock.lock();
            try {
                graph.replaceJobEdges(job, reader.currentEdges(job.namespace(), job.name()));
            } finally {
                lock.unlock();
            }
        }
        return jobs.size();
    }
}
