package lineage.server.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import lineage.server.config.DomainConfig;
import lineage.server.model.NodeId;
import org.junit.jupiter.api.Test;

class DomainsTest {
    private static final String TRINO = "trino://localhost:8085";

    private final Domains domains = new Domains(List.of(
            new DomainConfig(
                    "insights",
                    Optional.of("analytics-team"),
                    Optional.of("#analytics"),
                    Optional.of(List.of("Insights")),
                    Optional.empty(),
                    Optional.empty()),
            new DomainConfig(
                    "finance",
                    Optional.of("finance-team"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(List.of("insights.finance.", "insights.fin"))),
            new DomainConfig(
                    "legacy",
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(List.of("postgres://legacy:5432")),
                    Optional.empty())));

    @Test
    void aConfiguredCatalogNamesTheDomainWithItsOwner() {
        Domain domain = domains.of(NodeId.dataset(TRINO, "insights.default.dim_customers"));

        assertThat(domain.name()).isEqualTo("insights");
        assertThat(domain.owner()).contains("analytics-team");
        assertThat(domain.contact()).contains("#analytics");
    }

    @Test
    void theLongestPrefixWinsOverNamespaceAndCatalog() {
        assertThat(domains.of(NodeId.dataset(TRINO, "insights.finance.ledger")).name())
                .isEqualTo("finance");
        assertThat(domains.of(NodeId.field(TRINO, "INSIGHTS.FINANCE.ledger", "amount"))
                        .owner())
                .contains("finance-team");
    }

    @Test
    void aNamespaceRuleCoversEveryNameInIt() {
        assertThat(domains.of(NodeId.dataset("postgres://legacy:5432", "shop.public.orders"))
                        .name())
                .isEqualTo("legacy");
    }

    @Test
    void withoutARuleTheCatalogIsTheDomainAndOtherwiseTheNamespace() {
        Domain payments = domains.of(NodeId.dataset(TRINO, "paymentsdb.public.payments"));
        assertThat(payments.name()).isEqualTo("paymentsdb");
        assertThat(payments.owner()).isEmpty();
        assertThat(domains.of(NodeId.dataset("s3://bucket", "raw/orders.parquet"))
                        .name())
                .isEqualTo("s3://bucket");
    }

    @Test
    void aBlankCatalogFallsBackToTheNamespace() {
        assertThat(domains.of(NodeId.dataset(TRINO, " .public.u")).name()).isEqualTo(TRINO);
        assertThat(domains.of(NodeId.dataset(TRINO, "\t.public.u")).name()).isEqualTo(TRINO);
    }

    @Test
    void aBlankNamespaceWithoutCatalogIsTheUnnamedDomain() {
        assertThat(domains.of(NodeId.dataset(" ", "orders")).name()).isEqualTo(Domains.UNNAMED);
        assertThat(domains.of(NodeId.dataset(" ", " .public.u")).name()).isEqualTo(Domains.UNNAMED);
    }
}
