package lineage.server.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

class DdlChangesTest {
    private static final String TRINO = "trino://localhost:8085";
    private static final NodeId PAYMENTS = NodeId.dataset(TRINO, "paymentsdb.public.payments");

    @Test
    void readsEverySupportedChangeOfAMigration() {
        List<SchemaChange> changes = DdlChanges.parse(
                """
                -- a migration; comments and 'strings; with semicolons' do not split statements
                ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;
                alter table if exists PaymentsDB.Public.Payments drop column if exists "Method";
                ALTER TABLE customersdb.public.customers RENAME COLUMN first_name TO given_name;
                /* type */ ALTER TABLE paymentsdb.public.payments ALTER COLUMN amount SET DATA TYPE DECIMAL( 14 ,2 );
                ALTER TABLE paymentsdb.public.payments ALTER COLUMN id TYPE bigint;
                DROP TABLE IF EXISTS ordersdb.public.orders;
                DROP VIEW insights.default.stg_orders;
                ALTER TABLE insights.default.fct_orders RENAME TO insights.default.fact_orders;
                """,
                TRINO);

        assertThat(changes)
                .containsExactly(
                        column(SchemaChange.Kind.DROP_COLUMN, PAYMENTS, "amount"),
                        column(SchemaChange.Kind.DROP_COLUMN, PAYMENTS, "Method"),
                        new SchemaChange(
                                SchemaChange.Kind.RENAME_COLUMN,
                                NodeId.dataset(TRINO, "customersdb.public.customers"),
                                Optional.of("first_name"),
                                Optional.of("given_name"),
                                Optional.empty()),
                        new SchemaChange(
                                SchemaChange.Kind.CHANGE_COLUMN_TYPE,
                                PAYMENTS,
                                Optional.of("amount"),
                                Optional.empty(),
                                Optional.of("decimal(14, 2)")),
                        new SchemaChange(
                                SchemaChange.Kind.CHANGE_COLUMN_TYPE,
                                PAYMENTS,
                                Optional.of("id"),
                                Optional.empty(),
                                Optional.of("bigint")),
                        table(SchemaChange.Kind.DROP_TABLE, "ordersdb.public.orders", Optional.empty()),
                        table(SchemaChange.Kind.DROP_TABLE, "insights.default.stg_orders", Optional.empty()),
                        table(
                                SchemaChange.Kind.RENAME_TABLE,
                                "insights.default.fct_orders",
                                Optional.of("insights.default.fact_orders")));
    }

    @Test
    void refusesWhatItCannotPlaceOrRead() {
        assertThatThrownBy(() -> DdlChanges.parse("ALTER TABLE payments DROP COLUMN amount", TRINO))
                .hasMessageContaining("statement 1")
                .hasMessageContaining("catalog.schema.table");
        assertThatThrownBy(() -> DdlChanges.parse("ALTER TABLE a.b.c DROP COLUMN x; UPDATE a.b.c SET x = 1", TRINO))
                .isInstanceOfSatisfying(DdlChanges.InvalidDdlException.class, invalid -> assertThat(invalid.statement())
                        .isEqualTo(2))
                .hasMessageContaining("expected ALTER");
        assertThatThrownBy(() -> DdlChanges.parse("ALTER TABLE a.b.c ADD COLUMN x int", TRINO))
                .hasMessageContaining("expected DROP COLUMN");
        assertThatThrownBy(() -> DdlChanges.parse("ALTER TABLE a.b.c DROP COLUMN x y", TRINO))
                .hasMessageContaining("unexpected 'y'");
        assertThatThrownBy(() -> DdlChanges.parse(" -- nothing\n ; ", TRINO)).hasMessageContaining("no statement");
        assertThatThrownBy(() -> DdlChanges.parse("DROP TABLE \"a.b.c", TRINO)).hasMessageContaining("not closed");
    }

    private static SchemaChange column(SchemaChange.Kind kind, NodeId dataset, String column) {
        return new SchemaChange(kind, dataset, Optional.of(column), Optional.empty(), Optional.empty());
    }

    private static SchemaChange table(SchemaChange.Kind kind, String name, Optional<String> newName) {
        return new SchemaChange(kind, NodeId.dataset(TRINO, name), Optional.empty(), newName, Optional.empty());
    }
}
