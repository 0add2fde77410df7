package lineage.server.trino;

import java.util.stream.Stream;
import lineage.server.ingest.CachedSqlParser;
import lineage.sql.ParseOptions;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * The parses one query text needs, each made at most once: without defaults (job names, which both listeners must
 * derive alike, and the OpenLineage listener knows no session) and with the session's catalog and schema (lineage).
 * When the parse without defaults names every table fully qualified, the session's defaults change nothing and it
 * serves for both: a query is then parsed once instead of twice (parsing was a quarter of the server's CPU for small
 * Trino events).
 */
final class QueryParses {
    private final CachedSqlParser parser;
    private final String sql;
    private final ParseOptions session;
    private SqlLineage withoutDefaults;
    private SqlLineage withSession;

    QueryParses(CachedSqlParser parser, String sql, ParseOptions session) {
        this.parser = parser;
        this.sql = sql;
        this.session = session;
    }

    String sql() {
        return sql;
    }

    SqlLineage withoutDefaults() {
        if (withoutDefaults == null) {
            withoutDefaults = parser.parse(sql, ParseOptions.defaults());
        }
        return withoutDefaults;
    }

    SqlLineage withSessionDefaults() {
        if (withSession == null) {
            boolean noDefaults = session.defaultCatalog().isEmpty()
                    && session.defaultSchema().isEmpty();
            withSession = noDefaults || (withoutDefaults != null && fullyQualified(withoutDefaults))
                    ? withoutDefaults()
                    : parser.parse(sql, session);
        }
        return withSession;
    }

    private static boolean fullyQualified(SqlLineage lineage) {
        return Stream.concat(lineage.inputs().stream(), lineage.outputs().stream())
                .allMatch(TableRef::isFullyQualified);
    }
}
