package lineage.server.ingest;

import jakarta.inject.Singleton;
import java.util.Set;
import java.util.UUID;
import lineage.server.graph.LineageGraph;
import lineage.server.model.NodeId;
import lineage.server.store.DatabaseFailures;
import lineage.server.store.JobRepository;

/**
 * What ingestion already holds, for sources of events that must not send again what is known, or contradict it with a
 * weaker account (a query history's text, a catalog's view definition).
 */
@Singleton
public class KnownLineage {
    private static final Set<String> ENDED = Set.of("COMPLETED", "FAILED", "ABORTED");

    private final JobRepository jobs;
    private final LineageGraph graph;

    public KnownLineage(JobRepository jobs, LineageGraph graph) {
        this.jobs = jobs;
        this.graph = graph;
    }

    /**
     * Whether the run is stored and has ended (completed, failed or aborted). Throws {@code DATABASE_UNAVAILABLE} when
     * the database is, so that sources need not know the store's failures.
     */
    public boolean runEnded(UUID runId) {
        try {
            return jobs.findRun(runId).map(run -> ENDED.contains(run.state())).orElse(false);
        } catch (RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                throw DatabaseFailures.refusal("the database is unavailable", failure);
            }
            throw failure;
        }
    }

    /** Whether some job writes the dataset now. */
    public boolean isWritten(NodeId dataset) {
        return !graph.predecessors(dataset).isEmpty();
    }
}
