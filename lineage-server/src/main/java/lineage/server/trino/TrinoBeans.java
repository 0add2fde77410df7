package lineage.server.trino;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import lineage.server.config.TrinoConfig;
import lineage.server.config.TrinoPollerConfig;
import lineage.server.ingest.CachedSqlParser;

/** The Trino mapping classes are plain (unit-tested without a server); this makes them beans from the configuration. */
@Factory
public class TrinoBeans {
    private final CachedSqlParser parser;

    public TrinoBeans(CachedSqlParser parser) {
        this.parser = parser;
    }

    /** Eager: an alias that is not an address stops the start-up. */
    @Context
    TrinoNamespaces namespaces(TrinoConfig config) {
        return TrinoNamespaces.of(config);
    }

    @Singleton
    TrinoEventMapper mapper(TrinoNamespaces namespaces) {
        return new TrinoEventMapper(namespaces, parser);
    }

    /** History rows carry no session: the poller's configured catalog and schema stand in. */
    @Singleton
    TrinoQueryLogs historyLogs(TrinoEventMapper mapper, TrinoPollerConfig poller) {
        return new TrinoQueryLogs(mapper, poller.defaultCatalog(), poller.defaultSchema());
    }

    @Singleton
    TrinoOpenLineageEvents openLineageEvents(TrinoNamespaces namespaces) {
        return new TrinoOpenLineageEvents(namespaces, new TrinoJobNames(parser));
    }
}
