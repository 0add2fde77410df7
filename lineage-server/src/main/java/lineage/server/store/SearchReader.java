package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Visible datasets and jobs whose name holds a text, ignoring case: Marquez's {@code /api/v1/search}. The trigram
 * indexes on {@code lower(name)} ({@code V7__search_indexes_on_lower_names.sql}) serve the {@code lower(name) LIKE
 * lower('%text%')}.
 */
@Singleton
public class SearchReader {
    public enum Type {
        DATASET,
        JOB
    }

    /** Ties are broken by name, namespace and type, so that the order never depends on the plan. */
    public enum Sort {
        NAME("ORDER BY lower(name) COLLATE \"C\", name COLLATE \"C\", namespace COLLATE \"C\", type"),
        /** Most recently updated first. */
        UPDATED_AT("ORDER BY updated_at DESC, lower(name) COLLATE \"C\", name COLLATE \"C\", namespace COLLATE \"C\","
                + " type");

        private final String sql;

        Sort(String sql) {
            this.sql = sql;
        }
    }

    /**
     * What to look for: {@code text} anywhere in the name, of one type or both (empty), in one namespace or all.
     */
    public record Query(String text, Optional<Type> type, Optional<String> namespace, Sort sort, int limit) {
        public Query {
            requireNonNull(text, "text is null");
            requireNonNull(type, "type is null");
            requireNonNull(namespace, "namespace is null");
            requireNonNull(sort, "sort is null");
            if (text.isEmpty()) {
                throw new IllegalArgumentException("text is empty");
            }
            if (limit < 0) {
                throw new IllegalArgumentException("limit is negative: " + limit);
            }
        }
    }

    public record Hit(Type type, String namespace, String name, OffsetDateTime updatedAt) {}

    /** The first {@code limit} hits and how many there are in all. */
    public record SearchPage(List<Hit> hits, long totalCount) {
        public SearchPage {
            hits = List.copyOf(hits);
        }
    }

    private static final String MATCHES =
            """
            WITH matches AS (
                SELECT 'DATASET' AS type, d.namespace, d.name, d.updated_at
                FROM datasets d JOIN namespaces n ON n.name = d.namespace
                WHERE ? AND lower(d.name) LIKE lower(?) AND NOT d.is_hidden AND NOT n.is_hidden
                    AND (CAST(? AS text) IS NULL OR d.namespace = ?)
                UNION ALL
                SELECT 'JOB' AS type, j.namespace, j.name, j.updated_at
                FROM jobs j JOIN namespaces n ON n.name = j.namespace
                WHERE ? AND lower(j.name) LIKE lower(?) AND NOT j.is_hidden AND NOT n.is_hidden
                    AND (CAST(? AS text) IS NULL OR j.namespace = ?))
            """;

    private final DataSource dataSource;

    public SearchReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(readOnly = true)
    public SearchPage search(Query query) {
        Connection connection = connection();
        String sql = MATCHES + "SELECT type, namespace, name, updated_at FROM matches " + query.sort().sql + " LIMIT ?";
        List<Hit> hits = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            setMatches(statement, query);
            statement.setInt(9, query.limit());
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    hits.add(new Hit(
                            Type.valueOf(result.getString(1)),
                            result.getString(2),
                            result.getString(3),
                            result.getObject(4, OffsetDateTime.class)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot search datasets and jobs", exception);
        }
        try (PreparedStatement statement = connection.prepareStatement(MATCHES + "SELECT count(*) FROM matches")) {
            setMatches(statement, query);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return new SearchPage(hits, result.getLong(1));
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot count search results", exception);
        }
    }

    private static void setMatches(PreparedStatement statement, Query query) throws SQLException {
        String pattern = "%" + likeLiteral(query.text()) + "%";
        String namespace = query.namespace().orElse(null);
        int parameter = 1;
        // The parameters of MATCHES: the datasets' four, then the jobs' four.
        for (Type type : List.of(Type.DATASET, Type.JOB)) {
            statement.setBoolean(parameter++, query.type().map(type::equals).orElse(true));
            statement.setString(parameter++, pattern);
            statement.setString(parameter++, namespace);
            statement.setString(parameter++, namespace);
        }
    }

    /** The text with LIKE's wildcards ({@code %}, {@code _}) and escape character ({@code \}) taken literally. */
    private static String likeLiteral(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }
}
