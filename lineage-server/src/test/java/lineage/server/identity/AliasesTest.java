package lineage.server.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How names resolve through aliases and catalogs' homes: chains, cycles, the order of the rules. */
class AliasesTest {
    private static final String TRINO = "trino://localhost:8085";
    private static final String PG = "postgres://pg-customers:5432";

    private static Alias namespace(String alias, String canonical) {
        return Alias.namespace(alias, canonical, Alias.Origin.TRINO_QUERY_ID, Optional.empty());
    }

    private static Alias dataset(String namespace, String name, String canonicalNamespace, String canonicalName) {
        return Alias.dataset(namespace, name, canonicalNamespace, canonicalName, Alias.Origin.MANUAL, Optional.empty());
    }

    private static Aliases.DatasetName name(String namespace, String name) {
        return new Aliases.DatasetName(namespace, name);
    }

    @Test
    void aNamespaceAliasMovesEveryDatasetAndJobAndTrinoNamesFoldToLowerCase() {
        Aliases aliases = Aliases.of(List.of(namespace("trino://127.0.0.1:8085", TRINO)), List.of(), Optional.empty());

        assertThat(aliases.dataset("trino://127.0.0.1:8085", "Insights.Default.Dim_Customers"))
                .isEqualTo(name(TRINO, "insights.default.dim_customers"));
        assertThat(aliases.namespace("TRINO://127.0.0.1:8085")).isEqualTo(TRINO);
        assertThat(aliases.dataset(PG, "customers.public.Customers")).isEqualTo(name(PG, "customers.public.Customers"));
        assertThat(aliases.namespace("default")).isEqualTo("default");
    }

    @Test
    void chainsResolveInOneStepWhateverTheOrderTheyWereLearnedIn() {
        List<Alias> later = List.of(namespace("trino://b:1", "trino://a:1"), namespace("trino://c:1", "trino://b:1"));
        List<Alias> earlier = List.of(namespace("trino://c:1", "trino://b:1"), namespace("trino://b:1", "trino://a:1"));
        for (List<Alias> order : List.of(later, earlier)) {
            Aliases aliases = Aliases.of(order, List.of(), Optional.empty());
            assertThat(aliases.namespace("trino://c:1")).isEqualTo("trino://a:1");
            assertThat(aliases.namespace("trino://b:1")).isEqualTo("trino://a:1");
            assertThat(aliases.namespaceAliasesOf("trino://a:1")).containsExactly("trino://b:1", "trino://c:1");
        }
    }

    @Test
    void anAliasThatWouldCloseACycleIsLeftOut() {
        Aliases aliases = Aliases.of(
                List.of(
                        dataset(PG, "a", PG, "b"),
                        dataset(PG, "b", PG, "a"),
                        dataset(PG, "c", PG, "c"),
                        namespace("trino://x:1", "trino://y:1"),
                        namespace("trino://y:1", "trino://x:1")),
                List.of(),
                Optional.empty());

        assertThat(aliases.dataset(PG, "a")).isEqualTo(name(PG, "b"));
        assertThat(aliases.dataset(PG, "b")).isEqualTo(name(PG, "b"));
        assertThat(aliases.dataset(PG, "c")).isEqualTo(name(PG, "c"));
        assertThat(aliases.namespace("trino://x:1")).isEqualTo("trino://y:1");
        assertThat(aliases.namespace("trino://y:1")).isEqualTo("trino://y:1");
        assertThat(aliases.all()).hasSize(2);
    }

    @Test
    void aCatalogsPhysicalHomeIsItsTrinoNameOnceTheClusterIsKnown() {
        List<CatalogHome> homes =
                List.of(new CatalogHome("customersdb", "postgresql://PG-Customers", Optional.of("customers")));

        Aliases unknown = Aliases.of(List.of(), homes, Optional.empty());
        assertThat(unknown.dataset(PG, "customers.public.customers")).isEqualTo(name(PG, "customers.public.customers"));

        Aliases known = Aliases.of(List.of(), homes, Optional.of(TRINO));
        assertThat(known.dataset("postgresql://pg-customers/", "customers.public.customers"))
                .isEqualTo(name(TRINO, "customersdb.public.customers"));
        assertThat(known.dataset(PG, "orders.public.orders")).isEqualTo(name(PG, "orders.public.orders"));
        assertThat(known.aliasesOf(TRINO, "customersdb.public.customers"))
                .containsExactly(name(PG, "customers.public.customers"));
        assertThat(known.all()).singleElement().satisfies(alias -> {
            assertThat(alias.origin()).isEqualTo(Alias.Origin.CATALOG_MAPPING);
            assertThat(alias.aliasName()).isEqualTo("customers.*");
            assertThat(alias.canonicalName()).isEqualTo("customersdb.*");
        });
    }

    @Test
    void aDatasetAliasAppliesAfterTheNamespaceAndTheHomeAndIsListedOnItsCanonicalDataset() {
        Aliases aliases = Aliases.of(
                List.of(
                        namespace("trino://127.0.0.1:8085", TRINO),
                        dataset("s3://lake", "raw/customers", "trino://127.0.0.1:8085", "Lake.Raw.Customers")),
                List.of(new CatalogHome("customersdb", PG, Optional.of("customers"))),
                Optional.of(TRINO));

        assertThat(aliases.dataset("s3://lake/", "/raw/customers")).isEqualTo(name(TRINO, "lake.raw.customers"));
        assertThat(aliases.aliasesOf(TRINO, "lake.raw.customers"))
                .containsExactly(
                        name("s3://lake", "raw/customers"), name("trino://127.0.0.1:8085", "lake.raw.customers"));
    }
}
