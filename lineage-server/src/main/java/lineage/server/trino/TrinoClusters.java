package lineage.server.trino;

import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import lineage.server.identity.Alias;
import lineage.server.identity.Identity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Trino clusters whose events arrive, each known by the addresses its listeners report: the OpenLineage listener
 * names it by its {@code trino.uri}, the HTTP listener by the coordinator's address ({@code metadata.uri}), and the
 * two may be spelled differently ({@code localhost} and {@code 127.0.0.1}, a DNS name and an IP). Both listeners give
 * one query the same run ({@link TrinoRunIds}), so a query seen by both under two addresses proves the addresses are
 * one cluster: the alias is learned (origin {@code trino-query-id}) and the addresses become one namespace.
 *
 * <p>The canonical address does not depend on arrival order: an explicitly set {@code lineage.trino.namespace} (when
 * one of the two addresses already is that cluster), else the OpenLineage listener's address (the one users and other
 * producers connect with). Two addresses reported by the same listener never prove anything, so two clusters never
 * merge. A query whose other listener's event arrived before this server started is found in the event log.
 */
public final class TrinoClusters {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoClusters.class);
    private static final int RECENT_QUERIES = 10_000;
    /** Trino's default address, for an event that names none while no cluster is known. */
    static final String DEFAULT = "trino://localhost:8080";

    /** The listener an event came from. */
    public enum Listener {
        OPENLINEAGE,
        HTTP
    }

    private record Sighting(String namespace, Listener listener, String queryId) {}

    private final Optional<String> configured;
    private final @Nullable Identity identity;
    /** The first sighting of each recent query: the other listener's event of it usually follows within seconds. */
    private final Map<UUID, Sighting> recent =
            Collections.synchronizedMap(new LinkedHashMap<>(RECENT_QUERIES, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Sighting> eldest) {
                    return size() > RECENT_QUERIES;
                }
            });
    /** Every Trino address seen (loaded from the store's namespaces at the first event). */
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    private volatile boolean loaded;

    public TrinoClusters(Optional<String> configured, Identity identity) {
        this.configured = configured.map(TrinoClusters::namespaceOf);
        this.identity = identity;
    }

    private TrinoClusters(Optional<String> configured) {
        this.configured = configured.map(TrinoClusters::namespaceOf);
        this.identity = null;
        this.loaded = true;
    }

    /** Clusters that learn nothing (a command-line tool, a unit test): every address is its own namespace. */
    public static TrinoClusters fixed(Optional<String> configured) {
        return new TrinoClusters(configured);
    }

    /** {@code trino://<host>:<port>} of an address of any scheme with a host and port (host lower-cased). */
    public static Optional<String> address(String uri) {
        try {
            URI parsed = new URI(uri.strip());
            if (parsed.getHost() == null || parsed.getPort() < 0) {
                return Optional.empty();
            }
            return Optional.of("trino://" + parsed.getHost().toLowerCase(Locale.ROOT) + ":" + parsed.getPort());
        } catch (URISyntaxException exception) {
            return Optional.empty();
        }
    }

    /** The namespace of an address: {@code trino://<host>:<port>}, or the text itself when it has no host and port. */
    public static String namespaceOf(String address) {
        return address(address).orElse(address.strip());
    }

    /**
     * The namespace an event of {@code listener} reporting {@code address} names, after learning from it: when the
     * other listener reported the same query under another cluster's address, the two are one cluster from now on.
     */
    public String namespace(String address, Listener listener, UUID runId, String queryId) {
        String namespace = namespaceOf(address);
        if (identity == null || !namespace.startsWith("trino://")) {
            return namespace;
        }
        loadKnown();
        if (known.add(namespace)) {
            clusterChanged();
        }
        Sighting sighting = new Sighting(namespace, listener, queryId);
        Sighting first = recent.putIfAbsent(runId, sighting);
        if (first != null) {
            if (first.listener() != listener) {
                prove(first, sighting);
            }
        } else if (clusters().size() > 1) {
            storedSighting(runId, listener).ifPresent(stored -> prove(stored, sighting));
        }
        return namespace;
    }

    /** The one cluster: the configured namespace, else the only cluster seen; empty before any or with several. */
    public Optional<String> cluster() {
        if (configured.isPresent()) {
            return configured;
        }
        loadKnown();
        Set<String> clusters = clusters();
        return clusters.size() == 1 ? Optional.of(clusters.iterator().next()) : Optional.empty();
    }

    /** The one cluster's namespace, else Trino's default address (a Trino event that names no address). */
    public String clusterOrDefault() {
        return cluster().orElse(DEFAULT);
    }

    /** The canonical namespaces of the clusters seen, and the configured one. */
    public Set<String> clusters() {
        Set<String> clusters = new TreeSet<>();
        configured.map(this::canonical).ifPresent(clusters::add);
        known.forEach(address -> clusters.add(canonical(address)));
        return clusters;
    }

    private String canonical(String namespace) {
        return identity == null ? namespace : identity.aliases().namespace(namespace);
    }

    private Optional<Sighting> storedSighting(UUID runId, Listener listener) {
        String otherProducer = listener == Listener.HTTP ? TrinoOpenLineageEvents.PRODUCER : TrinoEventMapper.PRODUCER;
        List<Identity.RunNamespace> stored = identity.runNamespaces(runId);
        return stored.stream()
                .filter(row -> row.producer().startsWith(otherProducer))
                .map(row -> new Sighting(
                        row.jobNamespace(),
                        listener == Listener.HTTP ? Listener.OPENLINEAGE : Listener.HTTP,
                        runId.toString()))
                .filter(row -> row.namespace().startsWith("trino://"))
                .findFirst();
    }

    /** Two listeners reported one query: their addresses are one cluster. */
    private void prove(Sighting one, Sighting other) {
        String first = canonical(one.namespace());
        String second = canonical(other.namespace());
        if (first.equals(second)) {
            return;
        }
        Optional<String> configuredCanonical = configured.map(this::canonical);
        String canonical;
        if (configuredCanonical.equals(Optional.of(first)) || configuredCanonical.equals(Optional.of(second))) {
            canonical = configuredCanonical.get();
        } else {
            canonical = one.listener() == Listener.OPENLINEAGE ? first : second;
        }
        String alias = canonical.equals(first) ? second : first;
        String query = other.queryId();
        boolean learned = identity.learn(
                Alias.namespace(alias, canonical, Alias.Origin.TRINO_QUERY_ID, Optional.of("query " + query)));
        if (learned) {
            LOG.info(
                    "Trino addresses {} and {} are one cluster (both listeners reported query {}): {} is an alias of {}",
                    alias,
                    canonical,
                    query,
                    alias,
                    canonical);
            clusterChanged();
        }
    }

    private void clusterChanged() {
        if (identity != null) {
            cluster().ifPresent(identity::trinoCluster);
        }
    }

    private void loadKnown() {
        if (!loaded) {
            synchronized (this) {
                if (!loaded) {
                    known.addAll(identity.storedNamespaces("trino://"));
                    loaded = true;
                }
            }
            clusterChanged();
        }
    }
}
