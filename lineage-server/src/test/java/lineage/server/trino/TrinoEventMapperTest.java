package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import lineage.server.config.TrinoConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.identity.Identity;
import lineage.server.identity.IdentityMetrics;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.ingest.EventParser;
import lineage.server.ingest.IdentityEvents;
import lineage.server.ingest.LineageEvent;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;

/** Every capture of both listeners through the mapping, without a database. */
class TrinoEventMapperTest {
    private static final String TRINO = "trino://localhost:8085";
    private static final TrinoClusters CLUSTERS = TrinoClusters.fixed(Optional.of(TRINO));
    private static final Identity IDENTITY = Identity.of(
            TrinoBeans.identity(new TrinoConfig(Optional.of(TRINO), List.of("trino://127.0.0.1:8085")), List.of()));
    private static final IdentityEvents RESOLVE = new IdentityEvents(IDENTITY, IdentityMetrics.none());
    private static final CachedSqlParser PARSER = new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES);

    private final TrinoEventMapper mapper = new TrinoEventMapper(CLUSTERS, PARSER);
    private final TrinoOpenLineageEvents openLineage = new TrinoOpenLineageEvents(CLUSTERS, new TrinoJobNames(PARSER));

    /** The mapping, with the names identity gives its event (as the server projects it). */
    private TrinoMapping map(JsonNode body) {
        TrinoMapping mapping = mapper.map(body);
        return new TrinoMapping(RESOLVE.resolve(mapping.event()), mapping.received(), mapping.parserDisagrees());
    }

    /** The OpenLineage listener's event, with the names identity gives it. */
    private LineageEvent rewrite(LineageEvent event) {
        return RESOLVE.resolve(openLineage.rewrite(event));
    }

    @Test
    void everyCaptureIsOneOfEightySix() {
        assertThat(TrinoCaptures.all()).hasSize(86);
        assertThat(TrinoCaptures.http()).hasSize(44);
        assertThat(TrinoCaptures.openLineage()).hasSize(42);
    }

    @Test
    void everyHttpCaptureMapsToARunOfTheQueryInTheClustersNamespace() {
        for (String file : TrinoCaptures.http()) {
            JsonNode body = TrinoCaptures.json(file);
            TrinoMapping mapping = map(body);
            LineageEvent event = mapping.event();
            String queryId = body.path("metadata").path("queryId").asText();

            assertThat(event.runId()).as(file).contains(TrinoRunIds.of(queryId));
            assertThat(event.job().orElseThrow().namespace()).as(file).isEqualTo(TRINO);
            assertThat(mapping.received()).as("the log keeps the raw event").isEqualTo(body);
            if (file.endsWith("created.json")) {
                assertThat(event.eventType()).as(file).contains(LineageEvent.EventType.START);
                assertThat(event.inputs()).as(file).isEmpty();
                assertThat(event.outputs()).as(file).isEmpty();
            }
            for (LineageEvent.DatasetRef dataset : datasets(event)) {
                assertThat(dataset.namespace()).isEqualTo(TRINO);
                assertThat(dataset.name())
                        .as(file)
                        .matches("[a-z_]+\\.[a-z_]+\\.[a-z_]+")
                        .doesNotContain("_generated");
                assertThat(dataset.facets().toString())
                        .as(file)
                        .doesNotContain("_generated")
                        .doesNotContain("$row_id");
            }
        }
    }

    @Test
    void bothListenersEventsOfAQueryNameOneJobAndOneRun() {
        Map<String, TreeSet<String>> jobsByQuery = new TreeMap<>();
        Map<String, TreeSet<String>> runsByQuery = new TreeMap<>();
        for (String file : TrinoCaptures.all()) {
            JsonNode body = TrinoCaptures.json(file);
            LineageEvent event;
            String queryId;
            if (TrinoCaptures.isHttp(file)) {
                event = map(body).event();
                queryId = body.path("metadata").path("queryId").asText();
            } else {
                event = rewrite(EventParser.parse(body, ""));
                queryId = body.path("job").path("name").asText();
                assertThat(event.runId())
                        .as("the listener's run id is the name-based UUID of the query id")
                        .contains(TrinoRunIds.of(queryId));
            }
            jobsByQuery
                    .computeIfAbsent(queryId, key -> new TreeSet<>())
                    .add(event.job().orElseThrow().name());
            runsByQuery
                    .computeIfAbsent(queryId, key -> new TreeSet<>())
                    .add(event.runId().orElseThrow().toString());
        }

        assertThat(jobsByQuery).hasSize(22);
        jobsByQuery.forEach((query, jobs) -> assertThat(jobs).as(query).hasSize(1));
        runsByQuery.forEach((query, runs) -> assertThat(runs).as(query).hasSize(1));
        TreeSet<String> distinctJobs = new TreeSet<>();
        jobsByQuery.values().forEach(distinctJobs::addAll);
        assertThat(distinctJobs).as("22 different statements are 22 jobs").hasSize(22);
    }

    @Test
    void jobNamesAreExplicitOrKindOutputAndFingerprint() {
        assertThat(jobOf("005-http-query-created.json")).isEqualTo("model.jaffle_mesh.stg_customers");
        assertThat(jobOf("037-http-query-created.json"))
                .matches("create_table\\.insights\\.default\\.daily_order_summary\\.[0-9a-f]{8}");
        assertThat(jobOf("041-http-query-created.json"))
                .matches("insert\\.insights\\.default\\.daily_order_summary\\.[0-9a-f]{8}");
        assertThat(jobOf("045-http-query-created.json"))
                .matches("merge\\.insights\\.default\\.daily_order_summary\\.[0-9a-f]{8}");
        assertThat(jobOf("049-http-query-created.json")).matches("select\\.[0-9a-f]{16}");
        assertThat(jobOf("061-http-query-created.json")).as("a syntax error").matches("query\\.[0-9a-f]{16}");
        assertThat(jobOf("067-http-query-created.json")).matches("use\\.[0-9a-f]{16}");
    }

    @Test
    void aViewsOutputHasColumnLineageToItsBaseTable() {
        LineageEvent event =
                map(TrinoCaptures.json("007-http-query-completed.json")).event();

        assertThat(event.eventType()).contains(LineageEvent.EventType.COMPLETE);
        assertThat(event.edgeSource()).isEqualTo("trino");
        LineageEvent.DatasetRef view = event.outputs().orElseThrow().get(0);
        assertThat(view.name()).isEqualTo("insights.default.stg_customers");
        assertThat(view.facets()
                        .path("columnLineage")
                        .path("fields")
                        .path("customer_id")
                        .path("inputFields"))
                .hasToString("[{\"namespace\":\"" + TRINO + "\",\"name\":\"customersdb.public.customers\","
                        + "\"field\":\"id\"}]");
        assertThat(view.facets().path("schema").path("fields").size()).isEqualTo(3);
    }

    @Test
    void inputsAreTheDirectlyReferencedTablesAndViews() {
        LineageEvent event =
                map(TrinoCaptures.json("031-http-query-completed.json")).event();

        assertThat(event.inputs().orElseThrow().get(2).facets().path("schema").toString())
                .as("the columns the query used, in Trino's order")
                .isEqualTo("{\"fields\":[{\"name\":\"last_name\"},{\"name\":\"customer_id\"},"
                        + "{\"name\":\"first_name\"}]}");
        assertThat(names(event.inputs().orElseThrow()))
                .containsExactly(
                        "insights.default.customer_orders",
                        "insights.default.customer_payments",
                        "insights.default.stg_customers");
        assertThat(names(event.outputs().orElseThrow())).containsExactly("insights.default.dim_customers");
        assertThat(event.outputs()
                        .orElseThrow()
                        .get(0)
                        .facets()
                        .path("columnLineage")
                        .path("fields")
                        .path("customer_lifetime_value")
                        .toString())
                .contains("insights.default.customer_payments");
    }

    @Test
    void thePushdownArtefactIsNeverADataset() {
        LineageEvent event =
                map(TrinoCaptures.json("019-http-query-completed.json")).event();

        assertThat(names(event.inputs().orElseThrow())).containsExactly("insights.default.stg_orders");
        assertThat(names(event.outputs().orElseThrow())).containsExactly("insights.default.customer_orders");
    }

    @Test
    void mergesUpdatedColumnsGetTheirSourcesFromTheParser() {
        LineageEvent event =
                map(TrinoCaptures.json("047-http-query-completed.json")).event();

        JsonNode fields = event.outputs()
                .orElseThrow()
                .get(0)
                .facets()
                .path("columnLineage")
                .path("fields");
        assertThat(fields.has("orders")).as("count(*) reads no column directly").isFalse();
        assertThat(fields.path("amount_cents").path("inputFields").toString())
                .contains("\"name\":\"insights.default.fct_orders\",\"field\":\"amount\"");
        assertThat(event.outputs()
                        .orElseThrow()
                        .get(0)
                        .facets()
                        .path("schema")
                        .path("fields")
                        .size())
                .as("MERGE names only the columns it updates: a partial schema, added to the table's")
                .isEqualTo(2);
    }

    @Test
    void unqualifiedNamesAfterUseAreQualifiedWithTheSession() {
        LineageEvent event =
                map(TrinoCaptures.json("085-http-query-completed.json")).event();

        assertThat(names(event.inputs().orElseThrow())).containsExactly("insights.default.dim_customers");
        assertThat(names(event.outputs().orElseThrow())).containsExactly("insights.default.customer_segments");
    }

    @Test
    void failedQueriesAreFailRunsWithTheirErrorAndNoDatasets() {
        for (String file : List.of("062-http-query-completed.json", "065-http-query-completed.json")) {
            LineageEvent event = map(TrinoCaptures.json(file)).event();

            assertThat(event.eventType()).as(file).contains(LineageEvent.EventType.FAIL);
            assertThat(datasets(event)).as(file).isEmpty();
            JsonNode facets = event.payload().path("run").path("facets");
            assertThat(facets.path("errorMessage").path("message").asText())
                    .as(file)
                    .startsWith("line 1:");
            assertThat(facets.path("trino_error").path("type").asText()).isEqualTo("USER_ERROR");
        }
        assertThat(map(TrinoCaptures.json("065-http-query-completed.json"))
                        .event()
                        .payload()
                        .path("run")
                        .path("facets")
                        .path("trino_error")
                        .path("name")
                        .asText())
                .isEqualTo("TABLE_NOT_FOUND");
    }

    @Test
    void anAliasOfTheClusterIsItsNamespaceAndAnotherClusterIsItsOwn() {
        assertThat(canonical("http://127.0.0.1:8085/v1/query/q")).isEqualTo(TRINO);
        assertThat(canonical("trino://LOCALHOST:8085")).isEqualTo(TRINO);
        assertThat(canonical("http://trino.example.com:443/v1/query/q")).isEqualTo("trino://trino.example.com:443");
        assertThatThrownBy(
                        () -> TrinoBeans.identity(new TrinoConfig(Optional.of(TRINO), List.of("no-port")), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alias 'no-port' has no host:port (trino://host:port)");
    }

    private static String canonical(String address) {
        return IDENTITY.aliases().namespace(TrinoClusters.namespaceOf(address));
    }

    @Test
    void badInputIsAnInvalidTrinoEventListingEachField() {
        assertThatThrownBy(() -> map(ServerClient.json("[]")))
                .isInstanceOfSatisfying(LineageException.class, exception -> assertThat(exception.code())
                        .isEqualTo(ErrorCode.INVALID_TRINO_EVENT));
        assertThatThrownBy(() -> map(ServerClient.json("{\"endTime\": \"soon\", \"metadata\": {\"query\": 1}}")))
                .isInstanceOfSatisfying(LineageException.class, exception -> assertThat(
                                exception.errors().toString())
                        .contains("metadata.queryId", "metadata.query", "endTime"));
        assertThatThrownBy(() -> map(ServerClient.json("{\"metadata\": {}}")))
                .isInstanceOfSatisfying(LineageException.class, exception -> assertThat(
                                exception.errors().get(0).message())
                        .startsWith("is neither a QueryCreatedEvent"));
    }

    private String jobOf(String file) {
        return map(TrinoCaptures.json(file)).event().job().orElseThrow().name();
    }

    private static List<LineageEvent.DatasetRef> datasets(LineageEvent event) {
        List<LineageEvent.DatasetRef> all = new ArrayList<>(event.inputs().orElse(List.of()));
        all.addAll(event.outputs().orElse(List.of()));
        return all;
    }

    private static List<String> names(List<LineageEvent.DatasetRef> datasets) {
        return datasets.stream().map(LineageEvent.DatasetRef::name).toList();
    }
}
