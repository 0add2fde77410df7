package lineage.sdk.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.util.List;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import lineage.sql.TableRef;
import org.junit.jupiter.api.Test;

class SqlDatasetsTest {
    private static final OpenLineage OPEN_LINEAGE = new OpenLineage(URI.create("https://example.com/test"));
    private static final SqlContext TRINO = SqlContext.trino("trino", 8080, "insights", "default");

    @Test
    void tablesAreNamedInTheContextsNamespaceAndQualifiedWithItsDefaults() {
        SqlLineage lineage = parse("INSERT INTO customer_orders (customer_id, orders)"
                + " SELECT o.customer_id, count(*) FROM ordersdb.public.orders o"
                + " JOIN customersdb.public.customers c ON c.id = o.customer_id GROUP BY o.customer_id");

        List<OpenLineage.InputDataset> inputs = SqlDatasets.inputs(OPEN_LINEAGE, lineage, TRINO);
        List<OpenLineage.OutputDataset> outputs = SqlDatasets.outputs(OPEN_LINEAGE, lineage, TRINO);

        assertThat(inputs)
                .extracting(OpenLineage.InputDataset::getNamespace, OpenLineage.InputDataset::getName)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("trino://trino:8080", "customersdb.public.customers"),
                        org.assertj.core.groups.Tuple.tuple("trino://trino:8080", "ordersdb.public.orders"));
        assertThat(outputs)
                .extracting(OpenLineage.OutputDataset::getName)
                .containsExactly("insights.default.customer_orders");
    }

    @Test
    void columnLineageIsTheOutputsFacetWithTransformationTypeAndSubtype() {
        SqlLineage lineage = parse("INSERT INTO customer_orders (customer_id, orders)"
                + " SELECT o.customer_id, count(*) FROM ordersdb.public.orders o GROUP BY o.customer_id");

        String facet = OpenLineageClientUtils.toJson(SqlDatasets.columnLineage(
                        OPEN_LINEAGE, lineage, TableRef.of("insights", "default", "customer_orders"), TRINO)
                .orElseThrow());

        assertThat(facet)
                .contains("\"customer_id\":{\"inputFields\":[{\"namespace\":\"trino://trino:8080\","
                        + "\"name\":\"ordersdb.public.orders\",\"field\":\"customer_id\",\"transformations\":"
                        + "[{\"type\":\"DIRECT\",\"subtype\":\"IDENTITY\"");
        assertThat(facet).contains("\"subtype\":\"GROUP_BY\"");
    }

    @Test
    void aTableWithoutEdgesHasNoColumnLineage() {
        SqlLineage lineage = parse("DELETE FROM ordersdb.public.orders");

        assertThat(SqlDatasets.columnLineage(OPEN_LINEAGE, lineage, TableRef.of("ordersdb", "public", "orders"), TRINO))
                .isEmpty();
    }

    private static SqlLineage parse(String sql) {
        return new SqlLineageParser().parse(sql, TRINO.parseOptions());
    }
}
