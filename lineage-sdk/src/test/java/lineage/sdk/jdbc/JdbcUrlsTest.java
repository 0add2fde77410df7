package lineage.sdk.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import lineage.sdk.sql.SqlContext;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {
    @Test
    void trinoUrlGivesTheServersNamespaceAndTheSessionsCatalogAndSchema() {
        assertThat(JdbcUrls.sqlContext("jdbc:trino://Trino.example.com:8085/Insights/Default?user=etl"))
                .contains(new SqlContext(
                        "trino://trino.example.com:8085", Optional.of("insights"), Optional.of("default"), "trino"));
    }

    @Test
    void trinoUrlWithoutPathOrPort() {
        assertThat(JdbcUrls.sqlContext("jdbc:trino://trino"))
                .contains(new SqlContext("trino://trino:8080", Optional.empty(), Optional.empty(), "trino"));
        assertThat(JdbcUrls.sqlContext("jdbc:trino://trino/insights?SSL=true"))
                .contains(new SqlContext("trino://trino:443", Optional.of("insights"), Optional.empty(), "trino"));
    }

    @Test
    void postgresUrlNamesTablesDatabaseSchemaTable() {
        assertThat(JdbcUrls.sqlContext("jdbc:postgresql://db:5433/shop"))
                .contains(
                        new SqlContext("postgres://db:5433", Optional.of("shop"), Optional.of("public"), "postgresql"));
        assertThat(JdbcUrls.sqlContext("jdbc:postgresql://db/shop?ssl=true&currentSchema=sales,public"))
                .contains(
                        new SqlContext("postgres://db:5432", Optional.of("shop"), Optional.of("sales"), "postgresql"));
        assertThatThrownBy(() -> JdbcUrls.sqlContext("jdbc:postgresql://db:5432/"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("PostgreSQL JDBC URL names no database: postgresql://db:5432/");
    }

    @Test
    void otherDriversHaveNoContext() {
        assertThat(JdbcUrls.sqlContext("jdbc:h2:mem:test")).isEmpty();
    }

    @Test
    void jobNamesAreStablePerWrittenTableOrPerQueryText() {
        SqlContext context = SqlContext.trino("trino", 8080, "insights", "default");
        SqlLineage insert = new SqlLineageParser()
                .parse("INSERT INTO daily SELECT * FROM ordersdb.public.orders", context.parseOptions());
        SqlLineage select =
                new SqlLineageParser().parse("SELECT * FROM ordersdb.public.orders", context.parseOptions());

        assertThat(LineageJdbc.jobName("etl", "INSERT …", insert)).isEqualTo("etl.insights.default.daily");
        assertThat(LineageJdbc.jobName("etl", "SELECT * FROM ordersdb.public.orders", select))
                .matches("etl\\.query_[0-9a-f]{8}")
                .isEqualTo(LineageJdbc.jobName("etl", " SELECT * FROM ordersdb.public.orders\n", select));
    }
}
