package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.testing.TrinoCaptures;
import lineage.sql.ParseOptions;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import org.junit.jupiter.api.Test;

class QueryParsesTest {
    private static final CachedSqlParser PARSER = new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES);
    private static final SqlLineageParser DIRECT = new SqlLineageParser();

    @Test
    void theSessionParseIsWhatParsingWithTheSessionGivesForEveryCapturedQuery() {
        int reused = 0;
        for (String file : TrinoCaptures.http()) {
            JsonNode body = TrinoCaptures.json(file);
            String sql = body.path("metadata").path("query").asText();
            ParseOptions session = TrinoLineage.options(body.path("context"));
            QueryParses query = new QueryParses(PARSER, sql, session);
            SqlLineage withoutDefaults = query.withoutDefaults();

            SqlLineage withSession = query.withSessionDefaults();

            assertThat(withSession).as(file).isEqualTo(DIRECT.parse(sql, session));
            if (withSession == withoutDefaults) {
                reused++;
            }
        }
        assertThat(reused).as("queries parsed once").isPositive();
    }

    @Test
    void anUnqualifiedNameIsParsedAgainWithTheSessionDefaults() {
        String sql = "INSERT INTO daily SELECT * FROM ordersdb.public.orders";
        QueryParses query = new QueryParses(
                PARSER,
                sql,
                ParseOptions.defaults().withDefaultCatalog("insights").withDefaultSchema("default"));

        assertThat(query.withoutDefaults().outputs().get(0).qualifiedName()).isEqualTo("daily");
        assertThat(query.withSessionDefaults().outputs().get(0).qualifiedName()).isEqualTo("insights.default.daily");
    }
}
