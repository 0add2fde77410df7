package lineage.server.store;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The writes of {@code sources}, in the caller's transaction. */
@Singleton
public class SourceStore {
    private final DataSource dataSource;

    public SourceStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates the sources that are new and moves the others' times out to these; the URI of the latest write wins. A
     * source whose row already covers a write's times is not updated (nor its row rewritten). A source named twice is
     * written once; rows are written in name order, so concurrent writers lock them in one order.
     */
    public void upsertSources(List<SourceWriteRow> sources) {
        if (sources.isEmpty()) {
            return;
        }
        List<SourceWriteRow> rows = List.copyOf(byName(sources).values());
        Statements.execute(
                dataSource,
                """
                INSERT INTO sources (name, connection_url, created_at, updated_at)
                SELECT name, connection_url, created_at::timestamptz, updated_at::timestamptz
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                    AS w(name, connection_url, created_at, updated_at)
                ON CONFLICT (name) DO UPDATE SET
                    connection_url = CASE WHEN EXCLUDED.updated_at >= sources.updated_at
                        THEN EXCLUDED.connection_url ELSE sources.connection_url END,
                    created_at = LEAST(sources.created_at, EXCLUDED.created_at),
                    updated_at = GREATEST(sources.updated_at, EXCLUDED.updated_at)
                WHERE EXCLUDED.updated_at > sources.updated_at OR EXCLUDED.created_at < sources.created_at""",
                (connection, statement) -> {
                    statement.setObject(1, SqlArrays.text(rows, SourceWriteRow::name));
                    statement.setObject(2, SqlArrays.text(rows, SourceWriteRow::connectionUrl));
                    statement.setObject(3, SqlArrays.time(rows, SourceWriteRow::createdAt));
                    statement.setObject(4, SqlArrays.time(rows, SourceWriteRow::updatedAt));
                });
    }

    /** One row per name: the earliest first time, the latest last time and the URI that came with it. */
    private static SortedMap<String, SourceWriteRow> byName(Collection<SourceWriteRow> sources) {
        SortedMap<String, SourceWriteRow> merged = new TreeMap<>();
        for (SourceWriteRow source : sources) {
            merged.merge(source.name(), source, (known, next) -> {
                SourceWriteRow latest = next.updatedAt().isAfter(known.updatedAt()) ? next : known;
                return new SourceWriteRow(
                        source.name(),
                        latest.connectionUrl(),
                        next.createdAt().isBefore(known.createdAt()) ? next.createdAt() : known.createdAt(),
                        latest.updatedAt());
            });
        }
        return merged;
    }
}
