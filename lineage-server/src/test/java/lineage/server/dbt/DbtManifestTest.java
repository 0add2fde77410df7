package lineage.server.dbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DbtManifestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "dbt");

    /** The real manifests (fixtures/dbt/README.md): what each holds, counted in the files themselves. */
    @ParameterizedTest
    @CsvSource({
        "duckdb,   12, 2, 3, 0, 5, 0, 2",
        "postgres,  7, 5, 3, 0, 20, 0, 4",
        "snapshot,  4, 2, 0, 1, 3, 0, 1",
        "large,     2, 5, 3, 0, 20, 0, 5",
        "small,     2, 1, 0, 0, 0, 1, 1",
        "test,      2, 4, 0, 0, 14, 2, 0",
    })
    void readsEveryNodeOfTheRealManifests(
            String project, int version, int models, int seeds, int snapshots, int tests, int sources, int compiled)
            throws IOException {
        DbtManifest manifest = manifest(project);

        assertThat(manifest.schemaVersion()).isEqualTo(version);
        Map<String, Long> byType = manifest.nodes().stream()
                .collect(Collectors.groupingBy(DbtManifest.Node::resourceType, Collectors.counting()));
        assertThat(byType.getOrDefault("model", 0L)).isEqualTo(models);
        assertThat(byType.getOrDefault("seed", 0L)).isEqualTo(seeds);
        assertThat(byType.getOrDefault("snapshot", 0L)).isEqualTo(snapshots);
        assertThat(byType.getOrDefault("test", 0L)).isEqualTo(tests);
        assertThat(manifest.sources()).hasSize(sources);
        assertThat(manifest.nodes().stream()
                        .filter(node -> !node.resourceType().equals("test")
                                && !node.resourceType().equals("seed"))
                        .filter(node -> node.compiledSql().isPresent()))
                .as("models and snapshots with compiled SQL (compiled_code from v7, compiled_sql before)")
                .hasSize(compiled);
        assertThat(manifest.exposures()).isEmpty();
    }

    @Test
    void aModelsRelationDependenciesColumnsAndOwner() throws IOException {
        Map<String, DbtManifest.Node> nodes = nodes(manifest("duckdb"));

        DbtManifest.Node customers = nodes.get("model.jaffle_shop.customers");
        assertThat(customers.database()).contains("jaffle_shop");
        assertThat(customers.schema()).isEqualTo("main");
        assertThat(customers.alias()).isEqualTo("customers");
        assertThat(customers.owner()).contains("data-team");
        assertThat(customers.columns()).containsKey("customer_id");
        assertThat(customers.columns().get("customer_id").description())
                .isEqualTo("This is a unique identifier for a customer");
        assertThat(customers.compiledSql())
                .hasValueSatisfying(sql -> assertThat(sql).containsIgnoringCase("select"));
        assertThat(nodes.get("model.jaffle_shop.orders").dependsOn())
                .containsExactly("model.jaffle_shop.stg_orders", "model.jaffle_shop.stg_payments");
        assertThat(manifest("duckdb").projectName()).contains("jaffle_shop");
        assertThat(manifest("duckdb").adapterType()).contains("duckdb");
    }

    @Test
    void aTestsKindColumnAndTarget() throws IOException {
        DbtManifest.Node unique =
                nodes(manifest("duckdb")).get("test.jaffle_shop.unique_customers_customer_id.c5af1ff4b1");
        assertThat(unique.test())
                .contains(new DbtManifest.Test(
                        "unique", Optional.of("customer_id"), Optional.of("model.jaffle_shop.customers")));
        assertThat(unique.dependsOn()).containsExactly("model.jaffle_shop.customers");

        DbtManifest.Node old =
                nodes(manifest("test")).get("test.dbt_bigquery_test.unique_test_first_dbt_model_id.1f3ee5c4a1");
        assertThat(old.test()).contains(new DbtManifest.Test("unique", Optional.of("id"), Optional.empty()));
    }

    @Test
    void aSourcesRelation() throws IOException {
        DbtManifest.Source source = manifest("test").sources().stream()
                .filter(candidate -> candidate.uniqueId().equals("source.dbt_bigquery_test.dbt_test1.source_table"))
                .findFirst()
                .orElseThrow();
        assertThat(source.database()).contains("random-gcp-project");
        assertThat(source.schema()).isEqualTo("dbt_test1");
        assertThat(source.identifier()).isEqualTo("source_table");
        assertThat(source.sourceName()).isEqualTo("dbt_test1");
    }

    @Test
    void anUnknownSchemaVersionIsRefusedByName() throws IOException {
        ObjectNode manifest = (ObjectNode)
                JSON.readTree(FIXTURES.resolve("duckdb/target/manifest.json").toFile());
        ((ObjectNode) manifest.path("metadata"))
                .put("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v13.json");

        assertThatThrownBy(() -> DbtManifest.read(manifest)).isInstanceOfSatisfying(LineageException.class, refusal -> {
            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_DBT_ARTIFACT);
            assertThat(refusal.getMessage()).contains("v13").contains("v2 to v12");
            assertThat(refusal.errors()).singleElement().satisfies(error -> assertThat(error.field())
                    .isEqualTo("metadata.dbt_schema_version"));
        });
    }

    @Test
    void aVersionNumberTooLongToBeOneIsRefusedAsNotASchemaUrl() throws IOException {
        ObjectNode manifest = (ObjectNode)
                JSON.readTree(FIXTURES.resolve("duckdb/target/manifest.json").toFile());
        ((ObjectNode) manifest.path("metadata"))
                .put("dbt_schema_version", "https://schemas.getdbt.com/dbt/manifest/v99999999999.json");

        assertThatThrownBy(() -> DbtManifest.read(manifest))
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.errors())
                        .singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("metadata.dbt_schema_version")));
    }

    @Test
    void whatIsNotAManifestIsRefused() throws JsonProcessingException {
        assertThatThrownBy(() -> DbtManifest.read(JSON.readTree("{\"results\": []}")))
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.getMessage())
                        .contains("not a dbt manifest"));
        assertThatThrownBy(() -> DbtManifest.read(JSON.readTree(
                        "{\"metadata\": {\"dbt_schema_version\": \"https://schemas.getdbt.com/dbt/manifest/v12.json\"},"
                                + " \"nodes\": {\"model.p.m\": {\"resource_type\": \"model\", \"name\": \"m\"}}}")))
                .isInstanceOfSatisfying(LineageException.class, refusal -> assertThat(refusal.errors())
                        .singleElement()
                        .satisfies(error -> assertThat(error.field()).isEqualTo("nodes.model.p.m.schema")));
    }

    private static DbtManifest manifest(String project) throws IOException {
        JsonNode tree = JSON.readTree(Files.readString(FIXTURES.resolve(project).resolve("target/manifest.json")));
        return DbtManifest.read(tree);
    }

    private static Map<String, DbtManifest.Node> nodes(DbtManifest manifest) {
        return manifest.nodes().stream().collect(Collectors.toMap(DbtManifest.Node::uniqueId, Function.identity()));
    }
}
