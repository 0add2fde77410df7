package lineage.server.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import lineage.server.config.LineageConfig;
import lineage.sql.ParseOptions;
import lineage.sql.SchemaProvider;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;

/**
 * The SQL parser, with the answers kept by text and session defaults: one Trino query reaches the server up to four
 * times (the HTTP listener's created and completed events, the OpenLineage listener's START and COMPLETE), each needing
 * the job name its text gives, and dashboards and scheduled jobs send the same text again and again. Parsing is the
 * largest cost of a small Trino event, and JSqlParser's generated parser keeps the JIT compiler busy for minutes.
 *
 * <p>The answer of a text depends only on the text and the options ({@link SqlLineage} is immutable), so a kept answer
 * is the answer. Only parses without schema knowledge ({@link SchemaProvider#none()}) are kept. The cache is bounded by
 * an estimate of its size in bytes ({@code lineage.sql-cache-bytes}; 0 keeps nothing), least recently and frequently
 * used first out; its hits and misses are metrics ({@code cache_gets_total{cache="sql-lineage"}}).
 */
@Singleton
public final class CachedSqlParser {
    /** The default of {@code lineage.sql-cache-bytes}: 32 MB. */
    public static final long DEFAULT_BYTES = 33_554_432;

    /** Roughly what a table, column edge or diagnostic of an answer takes, with its strings. */
    private static final int BYTES_PER_ITEM = 200;

    private final SqlLineageParser parser = new SqlLineageParser();
    private final Optional<Cache<Key, SqlLineage>> answers;

    private record Key(String sql, Optional<String> defaultCatalog, Optional<String> defaultSchema) {}

    @Inject
    public CachedSqlParser(LineageConfig config, MeterRegistry registry) {
        this(config.sqlCacheBytes());
        answers.ifPresent(cache -> CaffeineCacheMetrics.monitor(registry, cache, "sql-lineage"));
    }

    /** A parser keeping answers up to about {@code maxBytes} (none when 0), without metrics. */
    public CachedSqlParser(long maxBytes) {
        this.answers = maxBytes == 0
                ? Optional.empty()
                : Optional.of(Caffeine.newBuilder()
                        .maximumWeight(maxBytes)
                        .weigher(CachedSqlParser::bytes)
                        .recordStats()
                        .build());
    }

    /** The lineage with no defaults and no schemas. */
    public SqlLineage parse(String sql) {
        return parse(sql, ParseOptions.defaults());
    }

    /** As {@link SqlLineageParser#parse(String, ParseOptions)}: never throws for bad SQL. */
    public SqlLineage parse(String sql, ParseOptions options) {
        if (answers.isEmpty() || options.schemas() != SchemaProvider.none()) {
            return parser.parse(sql, options);
        }
        return answers.get()
                .get(
                        new Key(sql, options.defaultCatalog(), options.defaultSchema()),
                        key -> parser.parse(sql, options));
    }

    private static int bytes(Key key, SqlLineage lineage) {
        long items = lineage.inputs().size()
                + lineage.outputs().size()
                + lineage.columnLineage().size()
                + lineage.diagnostics().size();
        return (int) Math.min(Integer.MAX_VALUE, 2L * key.sql().length() + 100 + BYTES_PER_ITEM * items);
    }
}
