package lineage.server.ingest;

import jakarta.inject.Singleton;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import lineage.server.store.NamespaceStore;
import lineage.server.store.ShownAgain;
import lineage.server.store.VisibilityStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Soft deletes, and keeping the in-memory graph equal to the store's visible edges when things are hidden or shown
 * again.
 *
 * <p>Concurrency: one read-write lock over ingestion. Every ingestion holds the read lock while it writes its
 * transaction and applies its edge changes, so ingestions still run side by side. A delete takes the write lock: no
 * ingestion is running while it hides the rows, commits and rebuilds the graph from the committed store ({@link
 * GraphLoader#load}), so no edge change can slip in between the commit and the rebuild. An event that shows a hidden
 * job or dataset again makes the same rebuild after its own commit, because that node's other edges (from jobs or
 * datasets the event does not name) are in the store but not in the graph. Deletes and shown-again nodes are rare;
 * the price is that ingestion waits while the graph is rebuilt.
 */
@Singleton
public class Visibility {
    private static final Logger LOG = LoggerFactory.getLogger(Visibility.class);

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final VisibilityStore visibilityStore;
    private final NamespaceStore namespaces;
    private final ShownAgain shownAgain;
    private final GraphLoader loader;

    public Visibility(
            VisibilityStore visibilityStore, NamespaceStore namespaces, ShownAgain shownAgain, GraphLoader loader) {
        this.visibilityStore = visibilityStore;
        this.namespaces = namespaces;
        this.shownAgain = shownAgain;
        this.loader = loader;
    }

    /** Runs an ingestion; rebuilds the graph afterwards when it showed a hidden job or dataset again. */
    <T> T ingesting(Supplier<T> ingestion) {
        long shownBefore = shownAgain.count();
        T result;
        lock.readLock().lock();
        try {
            result = ingestion.get();
        } finally {
            lock.readLock().unlock();
        }
        if (shownAgain.count() != shownBefore) {
            LOG.info("A hidden job or dataset was named by an event; reloading the lineage graph");
            reload();
        }
        return result;
    }

    /** Hides the namespace, its datasets and its jobs; false when there is no such namespace. */
    public boolean deleteNamespace(String namespace) {
        return hiding(() -> {
            boolean found = visibilityStore.hideNamespace(namespace);
            namespaces.forgetCommitted(namespace);
            return found;
        });
    }

    /** Hides a visible dataset; false when there is none. */
    public boolean deleteDataset(String namespace, String name) {
        return hiding(() -> visibilityStore.hideDataset(namespace, name));
    }

    /** Hides a visible job; false when there is none. */
    public boolean deleteJob(String namespace, String name) {
        return hiding(() -> visibilityStore.hideJob(namespace, name));
    }

    private boolean hiding(Supplier<Boolean> hide) {
        lock.writeLock().lock();
        try {
            boolean hidden = hide.get();
            if (hidden) {
                loader.load();
            }
            return hidden;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs work that rewrites part of the model (a split) while no ingestion runs on this server, then rebuilds the
     * graph from the store.
     */
    public <T> T exclusively(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            T result = work.get();
            loader.load();
            return result;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void reload() {
        lock.writeLock().lock();
        try {
            loader.load();
        } finally {
            lock.writeLock().unlock();
        }
    }
}
