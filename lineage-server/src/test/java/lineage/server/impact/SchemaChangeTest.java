package lineage.server.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import lineage.server.model.NodeId;
import lineage.sql.SchemaChange.Kind;
import lineage.sql.SchemaChanges;
import org.junit.jupiter.api.Test;

/** The parser's schema changes as the impact analysis's: tables become datasets of the namespace they are in. */
class SchemaChangeTest {
    private static final String TRINO = "trino://localhost:8085";

    @Test
    void everyKindOfTheParserMapsToItsDatasetInTheNamespace() {
        SchemaChanges parsed = SchemaChanges.parse(
                """
                ALTER TABLE paymentsdb.public.payments DROP COLUMN "Method";
                ALTER TABLE customersdb.public.customers RENAME COLUMN first_name TO given_name;
                ALTER TABLE paymentsdb.public.payments ALTER COLUMN amount SET DATA TYPE DECIMAL(14, 2);
                DROP VIEW insights.default.stg_orders;
                ALTER TABLE insights.default.fct_orders RENAME TO insights.default.fact_orders;
                """);

        assertThat(parsed.changes().stream().map(change -> SchemaChange.of(change, TRINO)))
                .containsExactly(
                        new SchemaChange(
                                Kind.DROP_COLUMN,
                                dataset("paymentsdb.public.payments"),
                                Optional.of("Method"),
                                Optional.empty(),
                                Optional.empty()),
                        new SchemaChange(
                                Kind.RENAME_COLUMN,
                                dataset("customersdb.public.customers"),
                                Optional.of("first_name"),
                                Optional.of("given_name"),
                                Optional.empty()),
                        new SchemaChange(
                                Kind.CHANGE_COLUMN_TYPE,
                                dataset("paymentsdb.public.payments"),
                                Optional.of("amount"),
                                Optional.empty(),
                                Optional.of("decimal(14, 2)")),
                        new SchemaChange(
                                Kind.DROP_TABLE,
                                dataset("insights.default.stg_orders"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        new SchemaChange(
                                Kind.RENAME_TABLE,
                                dataset("insights.default.fct_orders"),
                                Optional.empty(),
                                Optional.of("insights.default.fact_orders"),
                                Optional.empty()));
    }

    private static NodeId dataset(String name) {
        return NodeId.dataset(TRINO, name);
    }
}
