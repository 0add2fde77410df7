package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatasetNamesTest {
    @Test
    void trinoTableMatchesTheOpenLineageListenersNaming() {
        assertThat(DatasetNames.trinoTable("localhost", 8085, "PaymentsDB", "public", "Payments"))
                .isEqualTo(new DatasetNames.DatasetName("trino://localhost:8085", "paymentsdb.public.payments"));
    }

    @Test
    void postgresTableUsesTheDatabaseAsFirstPart() {
        assertThat(DatasetNames.postgresTable("db", 5432, "jaffle", "public", "orders"))
                .isEqualTo(new DatasetNames.DatasetName("postgres://db:5432", "jaffle.public.orders"));
    }

    @Test
    void qualifiedNamesAreSplitIntoTheirThreeParts() {
        assertThat(DatasetNames.trinoTable("Trino", 8080, "Insights.Default.Dim_Customers"))
                .isEqualTo(new DatasetNames.DatasetName("trino://trino:8080", "insights.default.dim_customers"));
        assertThat(DatasetNames.postgresTable("db", 5432, "shop.public.orders"))
                .isEqualTo(DatasetNames.postgresTable("db", 5432, "shop", "public", "orders"));
        assertThatThrownBy(() -> DatasetNames.trinoTable("trino", 8080, "default.orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a three-part name: 'default.orders'");
    }

    @Test
    void rejectsPartsThatWouldChangeTheIdentity() {
        assertThatThrownBy(() -> DatasetNames.trinoTable("localhost", 8085, "a.b", "public", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid catalog or database: 'a.b'");
        assertThatThrownBy(() -> DatasetNames.trinoTable("localhost", 0, "c", "s", "t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid port: 0");
        assertThatThrownBy(() -> DatasetNames.trinoNamespace("http://x", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid host: 'http://x'");
    }
}
