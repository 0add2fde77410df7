package lineage.server.trino;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.config.TrinoCatalogConfig;
import lineage.server.config.TrinoConfig;
import lineage.server.config.TrinoPollerConfig;
import lineage.server.identity.Alias;
import lineage.server.identity.CatalogHome;
import lineage.server.identity.Identity;
import lineage.server.identity.IdentityConfiguration;
import lineage.server.ingest.CachedSqlParser;

/** The Trino mapping classes are plain (unit-tested without a server); this makes them beans from the configuration. */
@Factory
public class TrinoBeans {
    private final CachedSqlParser parser;

    public TrinoBeans(CachedSqlParser parser) {
        this.parser = parser;
    }

    /**
     * Eager: an alias that is not an address, or aliases without the namespace they are aliases of, stop the start-up.
     */
    @Context
    IdentityConfiguration identityConfiguration(TrinoConfig config, List<TrinoCatalogConfig> catalogs) {
        return identity(config, catalogs);
    }

    /** What the Trino configuration says of identity: the configured cluster's aliases and its catalogs' homes. */
    public static IdentityConfiguration identity(TrinoConfig config, List<TrinoCatalogConfig> catalogs) {
        Optional<String> namespace = config.namespace().map(TrinoClusters::namespaceOf);
        if (namespace.isEmpty() && !config.namespaceAliases().isEmpty()) {
            throw new IllegalArgumentException("lineage.trino.namespace-aliases needs lineage.trino.namespace: the"
                    + " namespace they are aliases of");
        }
        List<Alias> aliases = new ArrayList<>();
        for (String alias : config.namespaceAliases()) {
            String address = TrinoClusters.address(alias)
                    .orElseThrow(() ->
                            new IllegalArgumentException("alias '" + alias + "' has no host:port (trino://host:port)"));
            if (!address.equals(namespace.get())) {
                aliases.add(Alias.namespace(address, namespace.get(), Alias.Origin.CONFIG, Optional.empty()));
            }
        }
        List<CatalogHome> homes = catalogs.stream()
                .map(catalog -> new CatalogHome(catalog.catalog(), catalog.namespace(), catalog.database()))
                .toList();
        return new IdentityConfiguration(namespace, aliases, homes);
    }

    @Singleton
    TrinoClusters clusters(TrinoConfig config, Identity identity) {
        return new TrinoClusters(config.namespace(), identity);
    }

    @Singleton
    TrinoEventMapper mapper(TrinoClusters clusters) {
        return new TrinoEventMapper(clusters, parser);
    }

    /**
     * History rows carry no session: the poller's configured catalog and schema stand in; and no address: the poller's
     * connection is the cluster's.
     */
    @Singleton
    TrinoQueryLogs historyLogs(TrinoEventMapper mapper, TrinoPollerConfig poller) {
        return new TrinoQueryLogs(
                mapper,
                poller.defaultCatalog(),
                poller.defaultSchema(),
                poller.url().flatMap(url -> TrinoClusters.address(url.replaceFirst("^jdbc:", ""))));
    }

    @Singleton
    TrinoOpenLineageEvents openLineageEvents(TrinoClusters clusters) {
        return new TrinoOpenLineageEvents(clusters, new TrinoJobNames(parser));
    }
}
