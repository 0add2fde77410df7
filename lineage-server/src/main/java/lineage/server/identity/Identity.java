package lineage.server.identity;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.store.AliasRow;
import lineage.server.store.IdentityStore;

/**
 * Dataset identity: the {@link Aliases} in force, made of configuration's ({@link IdentityConfiguration}) and the
 * stored ones (learned from Trino's query ids and {@code symlinks} facets, or added by an operator). Every event is
 * resolved through {@link #aliases()} before it is stored and projected ({@link IdentityEvents}); learning an alias
 * stores it and takes effect at once, for this server; replicas reload when they see the change
 * ({@code IdentityFollower}).
 */
@Singleton
public class Identity {
    private final @Nullable IdentityStore store;
    private final IdentityConfiguration configuration;
    private final IdentityMetrics metrics;
    private volatile Aliases current;
    /** Counts this server's changes of identity (an alias learned or removed, the Trino cluster learned). */
    private volatile long changes;

    private volatile Optional<String> trinoNamespace;

    @Inject
    public Identity(IdentityStore store, IdentityConfiguration configuration, IdentityMetrics metrics) {
        this.store = store;
        this.configuration = configuration;
        this.metrics = metrics;
        this.trinoNamespace = configuration.trinoNamespace();
    }

    private Identity(IdentityConfiguration configuration) {
        this.store = null;
        this.configuration = configuration;
        this.metrics = IdentityMetrics.none();
        this.trinoNamespace = configuration.trinoNamespace();
    }

    /** Configuration's identity alone, with nothing stored and nothing to learn (command-line tools, unit tests). */
    public static Identity of(IdentityConfiguration configuration) {
        return new Identity(configuration);
    }

    /** The aliases in force; the first call reads the stored ones. */
    public Aliases aliases() {
        Aliases aliases = current;
        return aliases != null ? aliases : reload();
    }

    /** Reads the stored aliases again (after a change this server or another made). */
    public synchronized Aliases reload() {
        List<Alias> aliases = new ArrayList<>(configuration.aliases());
        if (store != null) {
            for (AliasRow row : store.aliases()) {
                aliases.add(alias(row));
            }
        }
        Aliases loaded = Aliases.of(aliases, configuration.catalogHomes(), trinoNamespace);
        current = loaded;
        return loaded;
    }

    /** How many times this server changed identity: what is stored may need merging when it grows. */
    public long changes() {
        return changes;
    }

    /** The Trino cluster's namespace, configured or learned: where the catalogs' physical homes map to. */
    public Optional<String> trinoNamespace() {
        return trinoNamespace;
    }

    /** The one Trino cluster, learned from its events (a configured namespace is kept). */
    public synchronized void trinoCluster(String namespace) {
        if (configuration.trinoNamespace().isEmpty() && !trinoNamespace.equals(Optional.of(namespace))) {
            trinoNamespace = Optional.of(namespace);
            changes++;
            reload();
        }
    }

    /**
     * Stores a learned or added alias, unless it is stored already or vetoed, and applies it. Returns whether it was
     * new.
     */
    public synchronized boolean learn(Alias alias) {
        requireStore();
        boolean added = store.add(new AliasRow(
                alias.aliasNamespace(),
                alias.aliasName(),
                alias.canonicalNamespace(),
                alias.canonicalName(),
                alias.origin().value(),
                alias.evidence().orElse(null),
                OffsetDateTime.now(ZoneOffset.UTC),
                null));
        if (added) {
            metrics.learned(alias.origin());
            changes++;
            reload();
        }
        return added;
    }

    /** The jobs that currently write a (canonical) dataset. */
    public List<String> writers(String namespace, String name) {
        return store == null ? List.of() : store.writers(namespace, name);
    }

    /** Adds an operator's alias: a veto of it is lifted first. Returns whether it was new. */
    public synchronized boolean add(Alias alias) {
        requireStore();
        store.liftVetoes(alias.aliasNamespace(), alias.aliasName());
        return learn(alias);
    }

    /** Removes a stored alias and vetoes it ("never merge"); empty when there was none. */
    public synchronized Optional<Alias> remove(String aliasNamespace, String aliasName) {
        requireStore();
        Optional<Alias> removed = store.removeAndVeto(aliasNamespace, aliasName).map(Identity::alias);
        if (removed.isPresent()) {
            metrics.split();
            changes++;
            reload();
        }
        return removed;
    }

    /** A job namespace the stored events of a run name, with their producer. */
    public record RunNamespace(String producer, String jobNamespace) {}

    /** The job namespaces the stored events of a run name (how a query's other listener reported its cluster). */
    public List<RunNamespace> runNamespaces(java.util.UUID runId) {
        requireStore();
        return store.runNamespaces(runId).stream()
                .map(row -> new RunNamespace(row.producer(), row.jobNamespace()))
                .toList();
    }

    /** The stored namespaces whose names start with {@code prefix}. */
    public List<String> storedNamespaces(String prefix) {
        requireStore();
        return store.namespacesStartingWith(prefix);
    }

    /** The stored (learned or added) aliases, with when they were learned and merged. */
    public List<Alias> stored() {
        return store == null
                ? List.of()
                : store.aliases().stream().map(Identity::alias).toList();
    }

    private void requireStore() {
        if (store == null) {
            throw new IllegalStateException("this identity stores nothing: it is configuration's alone");
        }
    }

    static Alias alias(AliasRow row) {
        return new Alias(
                row.aliasNamespace(),
                row.aliasName(),
                row.canonicalNamespace(),
                row.canonicalName(),
                Alias.Origin.of(row.origin()).orElse(Alias.Origin.MANUAL),
                Optional.ofNullable(row.evidence()),
                Optional.ofNullable(row.learnedAt()),
                Optional.ofNullable(row.mergedAt()));
    }
}
