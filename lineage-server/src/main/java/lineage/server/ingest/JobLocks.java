package lineage.server.ingest;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.TreeSet;
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

    /** The locks of these stripes, not taken yet: {@link Held#lock()} takes them all, {@link Held#unlock()} lets go. */
    public Held held(Collection<Integer> stripes) {
        return new Held(new TreeSet<>(stripes));
    }

    /**
     * The locks of several stripes, taken in stripe order (so two holders never deadlock on them) and let go together,
     * by one thread. Both calls may be repeated: a second {@code lock} or {@code unlock} does nothing.
     */
    public final class Held {
        private final TreeSet<Integer> stripes;
        private boolean locked;

        private Held(TreeSet<Integer> stripes) {
            this.stripes = stripes;
        }

        public void lock() {
            if (!locked) {
                stripes.forEach(stripe -> locks[stripe].lock());
                locked = true;
            }
        }

        public void unlock() {
            if (locked) {
                stripes.descendingSet().forEach(stripe -> locks[stripe].unlock());
                locked = false;
            }
        }
    }
}
