package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import lineage.server.ingest.CachedSqlParser;
import org.junit.jupiter.api.Test;

class TrinoJobNamesTest {
    private final TrinoJobNames names = new TrinoJobNames(new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES));

    @Test
    void dbtsNodeIdNamesTheJob() {
        assertThat(names.name(
                        "/* {\"app\": \"dbt\", \"node_id\": \"model.shop.orders\"} */ CREATE TABLE t AS SELECT 1"))
                .isEqualTo("model.shop.orders");
    }

    @Test
    void airflowsDagAndTaskFromTheClientInfo() {
        String sql = "INSERT INTO insights.default.t SELECT * FROM ordersdb.public.orders";

        assertThat(names.name(sql, "{\"dag_id\": \"nightly\", \"task_id\": \"load_t\", \"try_number\": 1}"))
                .isEqualTo("nightly.load_t");
        assertThat(names.name(sql, "not json")).isEqualTo(names.name(sql));
        assertThat(names.name(sql, "{\"dag_id\": \"nightly\"}")).isEqualTo(names.name(sql));
    }

    @Test
    void aNightlyInsertWithANewDateIsOneJobAndOtherStatementsIntoTheSameTableAreOthers() {
        String monday = "INSERT INTO insights.default.daily SELECT * FROM ordersdb.public.orders"
                + " WHERE order_date = DATE '2026-11-23'";
        String tuesday = "-- rerun\ninsert into insights.default.daily select * from ordersdb.public.orders"
                + " where order_date = date '2026-11-24'";
        String delete = "DELETE FROM insights.default.daily WHERE order_date = DATE '2026-11-23'";

        assertThat(names.name(monday))
                .isEqualTo(names.name(tuesday))
                .matches("insert\\.insights\\.default\\.daily\\.[0-9a-f]{8}");
        assertThat(names.name(delete)).matches("delete\\.insights\\.default\\.daily\\.[0-9a-f]{8}");
        assertThat(names.name("SELECT * FROM ordersdb.public.orders")).matches("select\\.[0-9a-f]{16}");
        assertThat(names.name("SELECT * FROM ordersdb.public.orders"))
                .isNotEqualTo(names.name("SELECT * FROM ordersdb.public.customers"));
    }
}
