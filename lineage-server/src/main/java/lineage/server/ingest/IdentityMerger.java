package lineage.server.ingest;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import lineage.server.graph.LineageGraph;
import lineage.server.identity.Alias;
import lineage.server.identity.Aliases;
import lineage.server.identity.Identity;
import lineage.server.identity.IdentityMetrics;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.DatabaseFailures;
import lineage.server.store.EdgeReader;
import lineage.server.store.IdentityMerges;
import lineage.server.store.IdentityStore;
import lineage.server.store.NamespaceStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes what is stored agree with identity: every stored namespace, dataset and job whose name now resolves to another
 * one ({@link Aliases}) is merged into it — when an alias is learned, at start-up (configuration's aliases, data
 * written before a naming rule existed) — and the in-memory graph is rebuilt from the store. Each round (every {@code
 * lineage.follow-interval}) also follows the identity changes other servers made: their aliases are reloaded and, after
 * their merges, the graph too.
 *
 * <p>The graph is rebuilt holding every job lock, so that a write committing meanwhile applies its changes after the
 * rebuild has read the store (writers wait for the lock just before their commit, a second at most on a large graph).
 * Merges are idempotent: two servers reconciling at once move each row once, and a deadlock between them is retried by
 * the next round.
 */
@Singleton
public class IdentityMerger {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityMerger.class);

    private final Identity identity;
    private final IdentityStore store;
    private final IdentityMerges merges;
    private final EdgeReader edges;
    private final LineageGraph graph;
    private final JobLocks locks;
    private final NamespaceStore namespaces;
    private final IdentityMetrics metrics;
    /** The latest identity change this server has applied; -1 before the first round. */
    private long applied = -1;
    /** The count of this server's identity changes when it last reconciled. */
    private long reconciled = -1;
    /** The changes this server recorded (its own merges), which it need not follow. */
    private final java.util.Set<Long> own = new java.util.HashSet<>();
    /** Whether the store changed under the graph (a merge committed) and the graph was not rebuilt since. */
    private boolean graphStale;

    public IdentityMerger(
            Identity identity,
            IdentityStore store,
            IdentityMerges merges,
            EdgeReader edges,
            LineageGraph graph,
            JobLocks locks,
            NamespaceStore namespaces,
            IdentityMetrics metrics) {
        this.namespaces = namespaces;
        this.identity = identity;
        this.store = store;
        this.merges = merges;
        this.edges = edges;
        this.graph = graph;
        this.locks = locks;
        this.metrics = metrics;
        metrics.watch(identity);
    }

    @Scheduled(fixedDelay = "${lineage.follow-interval:500ms}", initialDelay = "${lineage.follow-interval:500ms}")
    public void scheduled() {
        try {
            round();
        } catch (RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                LOG.debug("Identity round skipped: the database is unavailable");
                return;
            }
            LOG.warn("Merging stored names into their canonical ones failed; the next round tries again", failure);
        }
    }

    /** Whether an identity change (this server's or another's) has not been applied yet. */
    public synchronized boolean pending() {
        return store.latestChange() != applied || identity.changes() != reconciled;
    }

    /** One round: follows other servers' identity changes and merges what no longer has its canonical name. */
    public synchronized void round() {
        long latest = store.latestChange();
        long changes = identity.changes();
        if (latest == applied && changes == reconciled) {
            return;
        }
        boolean othersMerged = applied >= 0
                && store.changes(applied, Integer.MAX_VALUE).stream()
                        .anyMatch(change -> !own.contains(change.id())
                                && (change.action().equals("merge")
                                        || change.action().equals("split")));
        own.clear();
        graphStale |= othersMerged;
        Aliases aliases = identity.reload();
        // A round that fails (a deadlock with ingestion or another server, the database gone) leaves applied and
        // reconciled as they were: the next round does it again, and the merges it did commit are not done twice.
        reconcile(aliases);
        applied = latest;
        reconciled = changes;
        if (graphStale) {
            rebuildGraph();
            graphStale = false;
        }
    }

    /** Merges every stored name that resolves to another. */
    void reconcile(Aliases aliases) {
        List<Alias> pending = identity.stored().stream()
                .filter(alias -> alias.mergedAt().isEmpty())
                .toList();
        for (String namespace : store.namespaces()) {
            String canonical = aliases.namespace(namespace);
            if (!canonical.equals(namespace)) {
                IdentityMerges.Merged result = merges.mergeNamespace(namespace, canonical);
                LOG.info(
                        "Merged namespace {} into {}: {} datasets and {} jobs merged, {} and {} renamed",
                        namespace,
                        canonical,
                        result.datasetsMerged(),
                        result.jobsMerged(),
                        result.datasetsRenamed(),
                        result.jobsRenamed());
                graphStale = true;
                own.add(store.recordMerge(
                        namespace, "", canonical, "", origin(pending, namespace, ""), describe(result)));
                namespaces.forgetCommitted(namespace);
                metrics.merged(1);
                continue;
            }
            List<IdentityMerges.DatasetMove> datasetMoves = new ArrayList<>();
            for (String name : store.datasetNames(namespace)) {
                Aliases.DatasetName resolved = aliases.dataset(namespace, name);
                if (!resolved.namespace().equals(namespace) || !resolved.name().equals(name)) {
                    datasetMoves.add(new IdentityMerges.DatasetMove(
                            NodeId.dataset(namespace, name), NodeId.dataset(resolved.namespace(), resolved.name())));
                }
            }
            if (!datasetMoves.isEmpty()) {
                IdentityMerges.Merged result = merges.mergeDatasets(datasetMoves);
                graphStale = true;
                LOG.info(
                        "Merged {} dataset(s) of namespace {} into their canonical names ({} merged, {} renamed)",
                        datasetMoves.size(),
                        namespace,
                        result.datasetsMerged(),
                        result.datasetsRenamed());
                own.add(store.recordMerge(namespace, "*", "*", "*", "reconcile", describe(result)));
                if (store.deleteIfEmpty(namespace)) {
                    namespaces.forgetCommitted(namespace);
                }
                metrics.merged(datasetMoves.size());
            }
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (Alias alias : pending) {
            own.add(store.markMerged(row(alias), now, "stored names resolved"));
        }
    }

    private static String origin(List<Alias> pending, String namespace, String name) {
        return pending.stream()
                .filter(alias -> alias.aliasNamespace().equals(namespace)
                        && alias.aliasName().equals(name))
                .map(alias -> alias.origin().value())
                .findFirst()
                .orElse("reconcile");
    }

    private static String describe(IdentityMerges.Merged result) {
        return result.datasetsMerged() + " datasets merged, " + result.datasetsRenamed() + " renamed; "
                + result.jobsMerged() + " jobs merged, " + result.jobsRenamed() + " renamed";
    }

    private static lineage.server.store.AliasRow row(Alias alias) {
        return new lineage.server.store.AliasRow(
                alias.aliasNamespace(),
                alias.aliasName(),
                alias.canonicalNamespace(),
                alias.canonicalName(),
                alias.origin().value(),
                alias.evidence().orElse(null),
                alias.learnedAt().orElse(null),
                alias.mergedAt().orElse(null));
    }

    /** Rebuilds the graph from the store, holding every job lock. */
    private void rebuildGraph() {
        JobLocks.Held all =
                locks.held(IntStream.range(0, JobLocks.STRIPES).boxed().toList());
        all.lock();
        try {
            List<EdgeChange> current = new ArrayList<>();
            edges.forEachCurrentEdge(current::add);
            graph.clear();
            graph.apply(current);
            LOG.info(
                    "Lineage graph rebuilt after an identity change: {} nodes, {} edges",
                    graph.nodeCount(),
                    graph.edgeCount());
        } finally {
            all.unlock();
        }
    }
}
