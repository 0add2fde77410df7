package lineage.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lineage.sql.ParseOptions;
import lineage.sql.SchemaProvider;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import org.junit.jupiter.api.Test;

class CachedSqlParserTest {
    private static final String SQL =
            "INSERT INTO daily SELECT o.id, p.amount FROM orders o JOIN paymentsdb.public.payments p ON p.order_id = o.id";
    private static final ParseOptions ORDERS = ParseOptions.of("ordersdb", "public");

    private final CachedSqlParser cached = new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES);
    private final SqlLineageParser direct = new SqlLineageParser();

    @Test
    void answersAsTheParserDoes() {
        assertThat(cached.parse(SQL)).isEqualTo(direct.parse(SQL));
        assertThat(cached.parse(SQL, ORDERS)).isEqualTo(direct.parse(SQL, ORDERS));
        assertThat(cached.parse("SELEC nonsense")).isEqualTo(direct.parse("SELEC nonsense"));
    }

    @Test
    void keepsTheAnswerOfATextAndItsDefaults() {
        SqlLineage first = cached.parse(SQL, ORDERS);

        assertThat(cached.parse(SQL, ParseOptions.of("ordersdb", "public"))).isSameAs(first);
        assertThat(cached.parse(SQL, ParseOptions.of("insights", "default")).outputs())
                .as("other defaults, another answer")
                .extracting(table -> table.qualifiedName())
                .containsExactly("insights.default.daily");
        assertThat(cached.parse(SQL).outputs())
                .extracting(table -> table.qualifiedName())
                .containsExactly("daily");
    }

    @Test
    void parsesWithSchemaKnowledgeAreNotKept() {
        ParseOptions withSchemas =
                ORDERS.withSchemas(SchemaProvider.of(Map.of("ordersdb.public.orders", List.of("id", "status"))));

        assertThat(cached.parse(SQL, withSchemas)).isNotSameAs(cached.parse(SQL, withSchemas));
    }

    @Test
    void keepsNothingWithNoBytes() {
        CachedSqlParser uncached = new CachedSqlParser(0);

        assertThat(uncached.parse(SQL)).isNotSameAs(uncached.parse(SQL)).isEqualTo(direct.parse(SQL));
    }
}
