package lineage.server.graph;

import jakarta.inject.Singleton;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks by job, so that the graph sees a job's changes in the order the database committed them: ingestion
 * holds a job's lock from just before its commit until the graph is updated (two transactions that change one job
 * both upsert its row, so they commit one after the other); following another server's writes holds it from reading
 * the store until the graph is updated.
 */
@Singleton
public class JobLocks {
    public static final int STRIPES = 64;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public JobLocks() {
        for (int index = 0; index < STRIPES; index++) {
            locks[index] = new ReentrantLock();
        }
    }

    /** The stripe of a job (or, for dataset events, a dataset), by its namespace and name. */
    public static int stripe(String namespace, String name) {
        return Math.floorMod((namespace + "\n" + name).hashCode(), STRIPES);
    }

    public ReentrantLock lock(int stripe) {
        return locks[stripe];
    }
}
