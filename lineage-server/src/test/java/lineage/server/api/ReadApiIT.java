package lineage.server.api;

import static lineage.server.testing.TestEvents.dataset;
import static lineage.server.testing.TestEvents.runEvent;
import static lineage.server.testing.TestEvents.schema;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Marquez read API: namespaces, datasets and their versions, jobs, runs and run facets, in Marquez's shapes, with
 * paging, ordering and every refusal. Each test writes its data over HTTP into namespaces of its own.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadApiIT implements TestPropertyProvider {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TRINO = "trino://localhost:8085";
    private static final String TEN = "2026-11-23T10:00:00Z";
    private static final String TEN_TEN = "2026-11-23T10:10:00Z";
    private static final String TEN_TWENTY = "2026-11-23T10:20:00Z";
    private static final String ELEVEN = "2026-11-23T11:00:00Z";

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return TestingDatabase.properties();
    }

    @Test
    void namespacesAreListedByNameInMarquezShape() {
        post(runEvent("COMPLETE", TEN, UUID.randomUUID(), "names_b", "job").set("outputs", datasets("names_a", "t")));

        JsonNode namespaces = getOk("/api/v1/namespaces").path("namespaces");

        assertThat(names(namespaces, "name")).containsSubsequence("names_a", "names_b");
        JsonNode namespace = find(namespaces, "name", "names_a");
        assertThat(keys(namespace))
                .containsExactly("name", "createdAt", "updatedAt", "ownerName", "description", "isHidden");
        assertThat(namespace.path("createdAt").asText()).isEqualTo(TEN);
        assertThat(namespace.path("updatedAt").asText()).isEqualTo(TEN);
        assertThat(namespace.path("ownerName").asText()).isEqualTo("anonymous");
        assertThat(namespace.path("description").isNull()).isTrue();
        assertThat(namespace.path("isHidden").asBoolean(true)).isFalse();
        assertThat(getOk("/api/v1/namespaces/names_b")).isEqualTo(find(namespaces, "name", "names_b"));
    }

    @Test
    void namespacesArePaged() {
        post(runEvent("START", TEN, UUID.randomUUID(), "paged_ns_1", "job")
                .set("inputs", datasets("paged_ns_2", "t", "paged_ns_3", "t")));
        List<String> all = names(getOk("/api/v1/namespaces").path("namespaces"), "name");

        List<String> page = names(getOk("/api/v1/namespaces?limit=2&offset=1").path("namespaces"), "name");

        assertThat(all).hasSizeGreaterThanOrEqualTo(3);
        assertThat(page).isEqualTo(all.subList(1, 3));
        assertThat(getOk("/api/v1/namespaces?limit=0").path("namespaces")).isEmpty();
        assertThat(getOk("/api/v1/namespaces?offset=" + all.size()).path("namespaces"))
                .isEmpty();
    }

    @Test
    void namespacesWithSlashesAndColonsMatchWhenUrlEncoded() {
        post(runEvent("COMPLETE", TEN, UUID.randomUUID(), TRINO, "insert_orders")
                .<ObjectNode>set("inputs", datasets(TRINO, "ordersdb.public.orders"))
                .set("outputs", datasets("s3://bucket", "/warehouse/orders")));

        assertThat(getOk("/api/v1/namespaces/trino:%2F%2Flocalhost:8085")
                        .path("name")
                        .asText())
                .isEqualTo(TRINO);
        assertThat(getOk("/api/v1/namespaces/" + encode(TRINO)).path("name").asText())
                .isEqualTo(TRINO);
        assertThat(getOk("/api/v1/namespaces/trino:%2F%2Flocalhost:8085/datasets/ordersdb.public.orders")
                        .path("id"))
                .isEqualTo(id(TRINO, "ordersdb.public.orders"));
        assertThat(names(
                        getOk("/api/v1/namespaces/trino:%2F%2Flocalhost:8085/datasets")
                                .path("datasets"),
                        "name"))
                .containsExactly("ordersdb.public.orders");
        // The naming spec's S3 name is the object key, without a leading slash; the old spelling still finds it.
        assertThat(getOk("/api/v1/namespaces/" + encode("s3://bucket") + "/datasets/" + encode("/warehouse/orders"))
                        .path("name")
                        .asText())
                .isEqualTo("warehouse/orders");
        JsonNode job = getOk("/api/v1/namespaces/trino:%2F%2Flocalhost:8085/jobs/insert_orders");
        assertThat(job.path("inputs")).containsExactly(id(TRINO, "ordersdb.public.orders"));
        assertThat(job.path("outputs")).containsExactly(id("s3://bucket", "warehouse/orders"));
        assertThat(getOk("/api/v1/namespaces/trino:%2F%2Flocalhost:8085/jobs/insert_orders/runs")
                        .path("totalCount")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void anUnknownNamespaceIsA404Problem() {
        for (String path : List.of(
                "/api/v1/namespaces/no_such_namespace",
                "/api/v1/namespaces/no_such_namespace/datasets",
                "/api/v1/namespaces/no_such_namespace/datasets/t",
                "/api/v1/namespaces/no_such_namespace/datasets/t/versions",
                "/api/v1/namespaces/no_such_namespace/jobs",
                "/api/v1/namespaces/no_such_namespace/jobs/j",
                "/api/v1/namespaces/no_such_namespace/jobs/j/runs")) {
            assertProblem(path, 404, "NAMESPACE_NOT_FOUND");
        }
    }

    @Test
    void aDatasetHasMarquezsShapeWithItsFieldsAndFacets() {
        ObjectNode output = dataset("shape_ns", "public.orders");
        output.with("facets").set("schema", schema("id", "BIGINT", "amount", "DECIMAL"));
        output.with("facets").putObject("dataSource").put("name", "orders-db").put("uri", "postgres://db:5432");
        post(runEvent("COMPLETE", TEN, UUID.randomUUID(), "shape_ns", "load_orders")
                .set("outputs", NODES.arrayNode().add(output)));

        JsonNode dataset = getOk("/api/v1/namespaces/shape_ns/datasets/public.orders");

        assertThat(keys(dataset))
                .containsExactly(
                        "id",
                        "type",
                        "name",
                        "physicalName",
                        "createdAt",
                        "updatedAt",
                        "namespace",
                        "sourceName",
                        "domain",
                        "fields",
                        "tags",
                        "lastModifiedAt",
                        "lastLifecycleState",
                        "description",
                        "currentVersion",
                        "columnLineage",
                        "facets",
                        "deleted",
                        "aliases");
        assertThat(dataset.path("id")).isEqualTo(id("shape_ns", "public.orders"));
        assertThat(dataset.path("type").asText()).isEqualTo("DB_TABLE");
        assertThat(dataset.path("name").asText()).isEqualTo("public.orders");
        assertThat(dataset.path("physicalName").asText()).isEqualTo("public.orders");
        assertThat(dataset.path("createdAt").asText()).isEqualTo(TEN);
        assertThat(dataset.path("updatedAt").asText()).isEqualTo(TEN);
        assertThat(dataset.path("lastModifiedAt").asText()).isEqualTo(TEN);
        assertThat(dataset.path("namespace").asText()).isEqualTo("shape_ns");
        assertThat(dataset.path("sourceName").asText()).isEqualTo("orders-db");
        assertThat(dataset.path("domain").isNull())
                .as("only a trino:// dataset has a domain")
                .isTrue();
        assertThat(dataset.path("fields").toString())
                .isEqualTo("[{\"name\":\"id\",\"type\":\"BIGINT\",\"tags\":[],\"description\":null},"
                        + "{\"name\":\"amount\",\"type\":\"DECIMAL\",\"tags\":[],\"description\":null}]");
        assertThat(dataset.path("tags")).isEmpty();
        assertThat(dataset.path("lastLifecycleState").isNull()).isTrue();
        assertThat(dataset.path("description").isNull()).isTrue();
        assertThat(dataset.path("currentVersion").asText()).matches("[0-9a-f-]{36}");
        assertThat(dataset.path("columnLineage").isNull()).isTrue();
        assertThat(dataset.path("facets").path("dataSource").path("uri").asText())
                .isEqualTo("postgres://db:5432");
        assertThat(dataset.path("facets").path("schema").path("fields")).hasSize(2);
        assertThat(dataset.path("deleted").asBoolean(true)).isFalse();
    }

    @Test
    void datasetsAreListedByNameAndPagedWithTheirTotalCount() {
        post(runEvent("COMPLETE", TEN, UUID.randomUUID(), "list_ns", "job")
                .set("outputs", datasets("list_ns", "c", "list_ns", "a", "list_ns", "b")));
        String path = "/api/v1/namespaces/list_ns/datasets";

        JsonNode all = getOk(path);

        assertThat(names(all.path("datasets"), "name")).containsExactly("a", "b", "c");
        // No dataSource facet: Marquez's source "default".
        assertThat(names(all.path("datasets"), "sourceName")).containsOnly("default");
        assertThat(all.path("totalCount").asLong()).isEqualTo(3);
        assertThat(all.path("datasets").get(0)).isEqualTo(getOk(path + "/a"));
        JsonNode page = getOk(path + "?limit=2&offset=1");
        assertThat(names(page.path("datasets"), "name")).containsExactly("b", "c");
        assertThat(page.path("totalCount").asLong()).isEqualTo(3);
        assertThat(names(getOk(path + "?limit=1").path("datasets"), "name")).containsExactly("a");
        assertThat(getOk(path + "?offset=3").path("datasets")).isEmpty();
        assertThat(getOk(path + "?offset=3").path("totalCount").asLong()).isEqualTo(3);
    }

    @Test
    void anUnknownDatasetIsA404Problem() {
        post(runEvent("START", TEN, UUID.randomUUID(), "known_ns", "job").set("inputs", datasets("known_ns", "t")));

        assertProblem("/api/v1/namespaces/known_ns/datasets/no_such_table", 404, "DATASET_NOT_FOUND");
        assertProblem("/api/v1/namespaces/known_ns/datasets/no_such_table/versions", 404, "DATASET_NOT_FOUND");
    }

    @Test
    void aDatasetHasAVersionPerSchemaNewestFirstWithTheRunThatWroteIt() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ObjectNode v1 = dataset("versions_ns", "orders");
        v1.with("facets").set("schema", schema("id", "BIGINT"));
        ObjectNode v2 = dataset("versions_ns", "orders");
        v2.with("facets").set("schema", schema("id", "BIGINT", "total", "DECIMAL"));
        post(runEvent("COMPLETE", TEN, first, "versions_ns", "load")
                .set("outputs", NODES.arrayNode().add(v1)));
        post(runEvent("COMPLETE", ELEVEN, second, "versions_ns", "load")
                .set("outputs", NODES.arrayNode().add(v2)));
        post(runEvent("COMPLETE", ELEVEN, UUID.randomUUID(), "versions_ns", "load")
                .set("outputs", NODES.arrayNode().add(v2.deepCopy())));
        String path = "/api/v1/namespaces/versions_ns/datasets/orders/versions";

        JsonNode versions = getOk(path);

        assertThat(versions.path("totalCount").asLong()).isEqualTo(2);
        JsonNode newest = versions.path("versions").get(0);
        assertThat(keys(newest))
                .containsExactly(
                        "id",
                        "type",
                        "name",
                        "physicalName",
                        "createdAt",
                        "version",
                        "namespace",
                        "sourceName",
                        "fields",
                        "tags",
                        "lifecycleState",
                        "description",
                        "currentSchemaVersion",
                        "createdByRun",
                        "facets",
                        "columnLineage");
        String version = newest.path("version").asText();
        assertThat(newest.path("id")).isEqualTo(id("versions_ns", "orders").put("version", version));
        assertThat(newest.path("createdAt").asText()).isEqualTo(ELEVEN);
        assertThat(names(newest.path("fields"), "name")).containsExactly("id", "total");
        assertThat(newest.path("createdByRun").path("id").asText()).isEqualTo(second.toString());
        assertThat(newest.path("createdByRun").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(getOk("/api/v1/namespaces/versions_ns/datasets/orders")
                        .path("currentVersion")
                        .asText())
                .isEqualTo(version);
        JsonNode oldest = versions.path("versions").get(1);
        assertThat(oldest.path("createdAt").asText()).isEqualTo(TEN);
        assertThat(names(oldest.path("fields"), "name")).containsExactly("id");
        assertThat(oldest.path("createdByRun").path("id").asText()).isEqualTo(first.toString());
        JsonNode page = getOk(path + "?limit=1&offset=1");
        assertThat(page.path("versions")).containsExactly(oldest);
        assertThat(page.path("totalCount").asLong()).isEqualTo(2);
    }

    @Test
    void aDatasetWithoutASchemaHasNoVersions() {
        post(runEvent("START", TEN, UUID.randomUUID(), "plain_ns", "job").set("inputs", datasets("plain_ns", "t")));

        JsonNode versions = getOk("/api/v1/namespaces/plain_ns/datasets/t/versions");

        assertThat(versions.path("versions")).isEmpty();
        assertThat(versions.path("totalCount").asLong()).isZero();
        assertThat(getOk("/api/v1/namespaces/plain_ns/datasets/t")
                        .path("currentVersion")
                        .isNull())
                .isTrue();
    }

    @Test
    void aJobHasMarquezsShapeWithItsCurrentInputsOutputsAndLatestRun() {
        UUID runId = UUID.randomUUID();
        ObjectNode start = runEvent("START", TEN, runId, "jobs_ns", "daily_orders");
        start.with("job")
                .with("facets")
                .putObject("jobType")
                .put("processingType", "BATCH")
                .put("integration", "SPARK");
        post(start.<ObjectNode>set("inputs", datasets("jobs_ns", "raw.orders", "jobs_ns", "raw.customers"))
                .set("outputs", datasets("jobs_ns", "old.daily")));
        ObjectNode complete = runEvent("COMPLETE", ELEVEN, runId, "jobs_ns", "daily_orders");
        complete.with("job").with("facets").putObject("sql").put("query", "INSERT INTO x SELECT 1");
        post(complete.<ObjectNode>set("inputs", datasets("jobs_ns", "raw.orders", "jobs_ns", "raw.customers"))
                .set("outputs", datasets("jobs_ns", "dwh.daily")));

        JsonNode job = getOk("/api/v1/namespaces/jobs_ns/jobs/daily_orders");

        assertThat(keys(job))
                .containsExactly(
                        "id",
                        "type",
                        "name",
                        "simpleName",
                        "parentJobName",
                        "parentJobUuid",
                        "createdAt",
                        "updatedAt",
                        "namespace",
                        "inputs",
                        "outputs",
                        "location",
                        "description",
                        "latestRun",
                        "latestRuns",
                        "facets",
                        "currentVersion",
                        "labels",
                        "tags");
        assertThat(job.path("id")).isEqualTo(id("jobs_ns", "daily_orders"));
        assertThat(job.path("type").asText()).isEqualTo("BATCH");
        assertThat(job.path("name").asText()).isEqualTo("daily_orders");
        assertThat(job.path("simpleName").asText()).isEqualTo("daily_orders");
        assertThat(job.path("parentJobName").isNull()).isTrue();
        assertThat(job.path("parentJobUuid").isNull()).isTrue();
        assertThat(job.path("createdAt").asText()).isEqualTo(TEN);
        assertThat(job.path("updatedAt").asText()).isEqualTo(ELEVEN);
        assertThat(job.path("namespace").asText()).isEqualTo("jobs_ns");
        // Sorted by name; the output the COMPLETE no longer names is not current any more.
        assertThat(job.path("inputs")).containsExactly(id("jobs_ns", "raw.customers"), id("jobs_ns", "raw.orders"));
        assertThat(job.path("outputs")).containsExactly(id("jobs_ns", "dwh.daily"));
        assertThat(job.path("location").isNull()).isTrue();
        assertThat(job.path("description").isNull()).isTrue();
        assertThat(job.path("latestRun").path("id").asText()).isEqualTo(runId.toString());
        assertThat(job.path("latestRun").path("state").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("latestRuns")).containsExactly(job.path("latestRun"));
        assertThat(job.path("facets").path("jobType").path("processingType").asText())
                .isEqualTo("BATCH");
        assertThat(job.path("facets").path("sql").path("query").asText()).isEqualTo("INSERT INTO x SELECT 1");
        assertThat(job.path("currentVersion").asText()).matches("[0-9a-f-]{36}");
        assertThat(job.path("labels")).isEmpty();
        assertThat(job.path("tags")).isEmpty();
    }

    @Test
    void jobsAreListedMostRecentlyUpdatedFirstThenByNameAndPagedWithTheirTotalCount() {
        for (String name : List.of("job_c", "job_a", "job_b", "job_d")) {
            post(runEvent("COMPLETE", name.equals("job_c") ? ELEVEN : TEN, UUID.randomUUID(), "job_list_ns", name)
                    .set("outputs", datasets("job_list_ns", name + "_out")));
        }
        // An older event leaves job_d's updatedAt as it was.
        post(runEvent("COMPLETE", "2026-11-23T09:00:00Z", UUID.randomUUID(), "job_list_ns", "job_d"));
        String path = "/api/v1/namespaces/job_list_ns/jobs";

        JsonNode all = getOk(path);

        // Marquez's order: updated_at descending.
        assertThat(names(all.path("jobs"), "name")).containsExactly("job_c", "job_a", "job_b", "job_d");
        assertThat(all.path("totalCount").asLong()).isEqualTo(4);
        assertThat(all.path("jobs").get(2)).isEqualTo(getOk(path + "/job_b"));
        assertThat(all.path("jobs").get(2).path("outputs")).containsExactly(id("job_list_ns", "job_b_out"));
        JsonNode page = getOk(path + "?limit=1&offset=3");
        assertThat(names(page.path("jobs"), "name")).containsExactly("job_d");
        assertThat(page.path("totalCount").asLong()).isEqualTo(4);
        assertThat(getOk(path + "?offset=4").path("jobs")).isEmpty();
    }

    @Test
    void anUnknownJobIsA404Problem() {
        post(runEvent("START", TEN, UUID.randomUUID(), "job_known_ns", "job"));

        assertProblem("/api/v1/namespaces/job_known_ns/jobs/no_such_job", 404, "JOB_NOT_FOUND");
        assertProblem("/api/v1/namespaces/job_known_ns/jobs/no_such_job/runs", 404, "JOB_NOT_FOUND");
    }

    @Test
    void runsTakeTheStateOfTheirLastEventAndAreListedNewestFirst() {
        UUID completed = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        UUID running = UUID.randomUUID();
        // Listed by creation, which is the time of a run's first event (Marquez's createdAt).
        post(runEvent("START", TEN, completed, "runs_ns", "etl"));
        post(runEvent("COMPLETE", ELEVEN, completed, "runs_ns", "etl"));
        post(runEvent("START", TEN_TEN, failed, "runs_ns", "etl"));
        post(runEvent("FAIL", ELEVEN, failed, "runs_ns", "etl"));
        post(runEvent("START", TEN_TWENTY, running, "runs_ns", "etl"));
        String path = "/api/v1/namespaces/runs_ns/jobs/etl/runs";

        JsonNode runs = getOk(path);

        assertThat(names(runs.path("runs"), "id"))
                .containsExactly(running.toString(), failed.toString(), completed.toString());
        assertThat(runs.path("totalCount").asLong()).isEqualTo(3);
        assertThat(names(runs.path("runs"), "state")).containsExactly("RUNNING", "FAILED", "COMPLETED");
        JsonNode done = runs.path("runs").get(2);
        assertThat(done.path("startedAt").asText()).isEqualTo(TEN);
        assertThat(done.path("endedAt").asText()).isEqualTo(ELEVEN);
        assertThat(done.path("durationMs").asLong()).isEqualTo(3_600_000L);
        assertThat(names(runs.path("runs"), "createdAt")).containsExactly(TEN_TWENTY, TEN_TEN, TEN);
        JsonNode open = runs.path("runs").get(0);
        assertThat(open.path("startedAt").asText()).isEqualTo(TEN_TWENTY);
        assertThat(open.path("endedAt").isNull()).isTrue();
        assertThat(open.path("durationMs").isNull()).isTrue();
        assertThat(getOk("/api/v1/jobs/runs/" + failed))
                .isEqualTo(runs.path("runs").get(1));
        JsonNode page = getOk(path + "?limit=1&offset=1");
        assertThat(names(page.path("runs"), "id")).containsExactly(failed.toString());
        assertThat(page.path("totalCount").asLong()).isEqualTo(3);
        JsonNode job = getOk("/api/v1/namespaces/runs_ns/jobs/etl");
        assertThat(names(job.path("latestRuns"), "id"))
                .containsExactly(running.toString(), failed.toString(), completed.toString());
    }

    @Test
    void aJobListsItsTenNewestRuns() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            UUID runId = UUID.randomUUID();
            post(runEvent("START", "2026-11-23T10:%02d:00Z".formatted(i), runId, "many_runs_ns", "job"));
            ids.add(0, runId.toString());
        }

        JsonNode job = getOk("/api/v1/namespaces/many_runs_ns/jobs/job");

        assertThat(names(job.path("latestRuns"), "id")).isEqualTo(ids.subList(0, 10));
        assertThat(job.path("latestRun").path("id").asText()).isEqualTo(ids.get(0));
        assertThat(getOk("/api/v1/namespaces/many_runs_ns/jobs/job/runs")
                        .path("totalCount")
                        .asLong())
                .isEqualTo(11);
    }

    @Test
    void aBatchAppliesEachRunsEventsAndEachJobsVersionsInOrder() {
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        ArrayNode batch = NODES.arrayNode()
                .add(runEvent("START", TEN, first, "batch_ns", "etl").set("inputs", datasets("batch_ns", "in_1")))
                .add(runEvent("COMPLETE", ELEVEN, first, "batch_ns", "etl").set("inputs", datasets("batch_ns", "in_1")))
                // A COMPLETE before its START, and a second version of the job.
                .add(runEvent("COMPLETE", ELEVEN, second, "batch_ns", "etl")
                        .set("inputs", datasets("batch_ns", "in_2")))
                .add(runEvent("START", TEN, second, "batch_ns", "etl").set("inputs", datasets("batch_ns", "in_2")))
                .add(runEvent("COMPLETE", ELEVEN, third, "batch_ns", "etl")
                        .set("inputs", datasets("batch_ns", "in_3")));
        HttpResponse<String> response = client().post("/api/v1/lineage", batch.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String path = "/api/v1/namespaces/batch_ns/jobs/etl";

        JsonNode job = getOk(path);

        assertThat(getOk("/api/v1/jobs/runs/" + first).path("state").asText()).isEqualTo("COMPLETED");
        JsonNode completedFirst = getOk("/api/v1/jobs/runs/" + second);
        assertThat(completedFirst.path("state").asText()).isEqualTo("COMPLETED");
        assertThat(completedFirst.path("startedAt").asText()).isEqualTo(TEN);
        assertThat(completedFirst.path("endedAt").asText()).isEqualTo(ELEVEN);
        // Created at its first event's time, though that event came second.
        assertThat(completedFirst.path("createdAt").asText()).isEqualTo(TEN);
        assertThat(job.path("latestRun").path("id").asText()).isEqualTo(third.toString());
        // The batch left its last version current: the second one, sent alone, replaces it; the last one, sent
        // again, is the same version as before.
        String current = job.path("currentVersion").asText();
        post(runEvent("COMPLETE", ELEVEN, UUID.randomUUID(), "batch_ns", "etl")
                .set("inputs", datasets("batch_ns", "in_2")));
        assertThat(getOk(path).path("currentVersion").asText()).isNotEqualTo(current);
        post(runEvent("COMPLETE", ELEVEN, UUID.randomUUID(), "batch_ns", "etl")
                .set("inputs", datasets("batch_ns", "in_3")));
        assertThat(getOk(path).path("currentVersion").asText()).isEqualTo(current);
    }

    @Test
    void aRunHasMarquezsShapeWithItsNominalTimesAndFacets() {
        UUID runId = UUID.randomUUID();
        ObjectNode start = runEvent("START", TEN, runId, "run_ns", "nightly");
        start.with("run")
                .with("facets")
                .putObject("nominalTime")
                .put("nominalStartTime", "2026-11-23T00:00:00Z")
                .put("nominalEndTime", "2026-11-24T00:00:00Z");
        post(start);
        ObjectNode fail = runEvent("FAIL", ELEVEN, runId, "run_ns", "nightly");
        fail.with("run").with("facets").putObject("errorMessage").put("message", "disk full");
        post(fail);

        JsonNode run = getOk("/api/v1/jobs/runs/" + runId);

        assertThat(keys(run))
                .containsExactly(
                        "id",
                        "createdAt",
                        "updatedAt",
                        "nominalStartTime",
                        "nominalEndTime",
                        "state",
                        "startedAt",
                        "endedAt",
                        "durationMs",
                        "args",
                        "jobVersion",
                        "inputDatasetVersions",
                        "outputDatasetVersions",
                        "context",
                        "facets");
        assertThat(run.path("id").asText()).isEqualTo(runId.toString());
        assertThat(run.path("createdAt").asText()).isEqualTo(TEN);
        assertThat(run.path("updatedAt").asText()).endsWith("Z");
        assertThat(run.path("nominalStartTime").asText()).isEqualTo("2026-11-23T00:00:00Z");
        assertThat(run.path("nominalEndTime").asText()).isEqualTo("2026-11-24T00:00:00Z");
        assertThat(run.path("state").asText()).isEqualTo("FAILED");
        assertThat(run.path("startedAt").asText()).isEqualTo(TEN);
        assertThat(run.path("endedAt").asText()).isEqualTo(ELEVEN);
        assertThat(run.path("durationMs").asLong()).isEqualTo(3_600_000L);
        assertThat(run.path("args").isObject()).isTrue();
        assertThat(run.path("args")).isEmpty();
        assertThat(run.path("jobVersion").isNull()).isTrue();
        assertThat(run.path("inputDatasetVersions")).isEmpty();
        assertThat(run.path("outputDatasetVersions")).isEmpty();
        assertThat(run.path("context").isObject()).isTrue();
        assertThat(run.path("facets").path("errorMessage").path("message").asText())
                .isEqualTo("disk full");
        assertThat(run.path("facets")
                        .path("nominalTime")
                        .path("nominalStartTime")
                        .asText())
                .isEqualTo("2026-11-23T00:00:00Z");
    }

    @Test
    void runFacetsAreTheRunsOrTheJobFacetsOfItsEvents() {
        UUID runId = UUID.randomUUID();
        ObjectNode start = runEvent("START", TEN, runId, "facets_ns", "job");
        start.with("run").with("facets").putObject("nominalTime").put("nominalStartTime", TEN);
        start.with("job").with("facets").putObject("sql").put("query", "SELECT 1");
        start.with("job")
                .with("facets")
                .putObject("jobType")
                .put("processingType", "BATCH")
                .put("integration", "SPARK");
        post(start);
        ObjectNode complete = runEvent("COMPLETE", ELEVEN, runId, "facets_ns", "job");
        complete.with("job").with("facets").putObject("sql").put("query", "SELECT 2");
        post(complete);
        // Another run of the same job: its facets are not this run's.
        ObjectNode other = runEvent("START", ELEVEN, UUID.randomUUID(), "facets_ns", "job");
        other.with("job").with("facets").putObject("documentation").put("description", "not this run");
        post(other);

        JsonNode runFacets = getOk("/api/v1/jobs/runs/" + runId + "/facets?type=run");
        JsonNode jobFacets = getOk("/api/v1/jobs/runs/" + runId + "/facets?type=job");

        assertThat(keys(runFacets)).containsExactly("runId", "facets");
        assertThat(runFacets.path("runId").asText()).isEqualTo(runId.toString());
        assertThat(keys(runFacets.path("facets"))).containsExactly("nominalTime");
        assertThat(jobFacets.path("runId").asText()).isEqualTo(runId.toString());
        assertThat(keys(jobFacets.path("facets"))).containsExactlyInAnyOrder("jobType", "sql");
        assertThat(jobFacets.path("facets").path("sql").path("query").asText()).isEqualTo("SELECT 2");
        assertThat(getOk("/api/v1/jobs/runs/" + runId + "/facets?type=JOB")).isEqualTo(jobFacets);
    }

    @Test
    void anUnknownRunIsA404AndABadIdOrFacetTypeA400() {
        UUID unknown = UUID.randomUUID();
        assertProblem("/api/v1/jobs/runs/" + unknown, 404, "RUN_NOT_FOUND");
        assertProblem("/api/v1/jobs/runs/" + unknown + "/facets?type=run", 404, "RUN_NOT_FOUND");
        assertInvalid("/api/v1/jobs/runs/not-a-uuid", "id");
        assertInvalid("/api/v1/jobs/runs/1-2-3-4-5", "id");
        assertInvalid("/api/v1/jobs/runs/not-a-uuid/facets?type=run", "id");
        assertInvalid("/api/v1/jobs/runs/" + unknown + "/facets", "type");
        assertInvalid("/api/v1/jobs/runs/" + unknown + "/facets?type=dataset", "type");
    }

    @Test
    void aNegativeOrNonNumericLimitOrOffsetIsA400NamingTheParameter() {
        post(runEvent("COMPLETE", TEN, UUID.randomUUID(), "paging_ns", "job")
                .set("outputs", datasets("paging_ns", "t")));
        for (String path : List.of(
                "/api/v1/namespaces",
                "/api/v1/namespaces/paging_ns/datasets",
                "/api/v1/namespaces/paging_ns/datasets/t/versions",
                "/api/v1/namespaces/paging_ns/jobs",
                "/api/v1/namespaces/paging_ns/jobs/job/runs")) {
            assertInvalid(path + "?limit=-1", "limit");
            assertInvalid(path + "?limit=ten", "limit");
            assertInvalid(path + "?offset=-5", "offset");
            assertInvalid(path + "?offset=1.5", "offset");
            assertInvalid(path + "?limit=99999999999", "limit");
            assertThat(client().get(path + "?limit=100&offset=0").statusCode())
                    .as(path)
                    .isEqualTo(200);
        }
    }

    private ServerClient client() {
        return new ServerClient(server.getURI());
    }

    private void post(ObjectNode event) {
        HttpResponse<String> response = client().post("/api/v1/lineage", event.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    private JsonNode getOk(String path) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        return ServerClient.json(response.body());
    }

    private JsonNode assertProblem(String path, int status, String code) {
        HttpResponse<String> response = client().get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        JsonNode problem = ServerClient.json(response.body());
        assertThat(problem.path("code").asText()).as(path).isEqualTo(code);
        assertThat(problem.path("status").asInt()).as(path).isEqualTo(status);
        return problem;
    }

    private void assertInvalid(String path, String field) {
        JsonNode problem = assertProblem(path, 400, "INVALID_PARAMETER");
        assertThat(problem.path("errors")).as(path).hasSize(1);
        assertThat(problem.path("errors").get(0).path("field").asText())
                .as(path)
                .isEqualTo(field);
    }

    /** Datasets from (namespace, name) pairs. */
    private static ArrayNode datasets(String... namespacesAndNames) {
        ArrayNode datasets = NODES.arrayNode();
        for (int i = 0; i < namespacesAndNames.length; i += 2) {
            datasets.add(dataset(namespacesAndNames[i], namespacesAndNames[i + 1]));
        }
        return datasets;
    }

    private static ObjectNode id(String namespace, String name) {
        return NODES.objectNode().put("namespace", namespace).put("name", name);
    }

    private static JsonNode find(JsonNode array, String key, String value) {
        for (JsonNode element : array) {
            if (element.path(key).asText().equals(value)) {
                return element;
            }
        }
        throw new AssertionError("no element with " + key + " " + value + " in " + array);
    }

    private static List<String> names(JsonNode array, String key) {
        List<String> names = new ArrayList<>();
        array.forEach(element -> names.add(element.path(key).asText()));
        return names;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
