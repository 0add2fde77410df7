package lineage.server.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import lineage.server.testing.TrinoCaptures;

/** The calls {@link WireShapesIT} pins: every endpoint, over the data its events make. */
final class WireCalls {
    private static final String TRINO = "trino:%2F%2Flocalhost:8085";
    private static final String WAREHOUSE = "postgres:%2F%2Fwarehouse:5432";

    private WireCalls() {}

    /** The calls, in order: reads of what the events made, then writes and the reads that show them, then refusals. */
    static List<Call> all() {
        List<Call> calls = new ArrayList<>();
        calls.addAll(namespacesAndDatasets());
        calls.addAll(jobsAndRuns());
        calls.addAll(lineage());
        calls.addAll(columnsAndImpact());
        calls.addAll(searchDomainsAndEvents());
        calls.addAll(writes());
        calls.addAll(refusals());
        calls.addAll(marquezEndpoints());
        return calls;
    }

    private static List<Call> namespacesAndDatasets() {
        String orders = "/api/v1/namespaces/" + WAREHOUSE + "/datasets/public.orders";
        String daily = "/api/v1/namespaces/wire/datasets/mart.orders_daily";
        String customers = "/api/v1/namespaces/" + TRINO + "/datasets/insights.default.dim_customers";
        return List.of(
                get("namespaces", "/api/v1/namespaces"),
                get("namespaces-paged", "/api/v1/namespaces?limit=2&offset=1"),
                get("namespace", "/api/v1/namespaces/wire"),
                get("namespace-trino", "/api/v1/namespaces/" + TRINO),
                get("datasets-wire", "/api/v1/namespaces/wire/datasets"),
                get("datasets-warehouse", "/api/v1/namespaces/" + WAREHOUSE + "/datasets"),
                get("datasets-trino-paged", "/api/v1/namespaces/" + TRINO + "/datasets?limit=3&offset=2"),
                get("dataset-with-facets", orders),
                get("dataset-with-column-lineage", daily),
                get("dataset-from-dataset-event", "/api/v1/namespaces/wire/datasets/raw.customers"),
                get("dataset-trino", customers),
                get("dataset-versions", daily + "/versions"),
                get("dataset-versions-paged", daily + "/versions?limit=1&offset=1"),
                get("dataset-versions-trino", customers + "/versions"));
    }

    private static List<Call> jobsAndRuns() {
        String load = "/api/v1/namespaces/wire/jobs/etl.load_orders";
        return List.of(
                get("jobs-wire", "/api/v1/namespaces/wire/jobs"),
                get("jobs-trino-paged", "/api/v1/namespaces/" + TRINO + "/jobs?limit=4&offset=1"),
                get("job", load),
                get("job-failed", "/api/v1/namespaces/wire/jobs/etl.report"),
                get("job-streaming", "/api/v1/namespaces/wire/jobs/stream.clicks"),
                get("job-from-job-event", "/api/v1/namespaces/wire/jobs/manual.curation"),
                get("job-col-jobs", "/api/v1/namespaces/col_jobs/jobs/build_mart"),
                get("job-runs", load + "/runs"),
                get("job-runs-paged", load + "/runs?limit=1&offset=1"),
                get("run", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a001"),
                get("run-failed", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a002"),
                get("run-running", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a004"),
                get("run-trino", "/api/v1/jobs/runs/c5e9a8ba-fdfa-3b13-a0e3-b5c8ff767d52"),
                get("run-facets-run", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a001/facets?type=run"),
                get("run-facets-job", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a001/facets?type=JOB"),
                get("run-facets-failed", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a002/facets?type=run"));
    }

    private static List<Call> lineage() {
        String daily = node("dataset:wire:mart.orders_daily");
        String payments = node("dataset:trino://localhost:8085:paymentsdb.public.payments");
        String customers = node("dataset:trino://localhost:8085:insights.default.dim_customers");
        return List.of(
                get("lineage-dataset", "/api/v1/lineage?nodeId=" + daily),
                get("lineage-job", "/api/v1/lineage?depth=1&nodeId=" + node("job:wire:etl.load_orders")),
                get("lineage-orphan", "/api/v1/lineage?nodeId=" + node("dataset:wire:raw.customers")),
                get("lineage-upstream", "/api/v1/lineage?direction=upstream&nodeId=" + customers),
                get("lineage-domain", "/api/v1/lineage?direction=downstream&domain=insights&nodeId=" + payments),
                get("lineage-as-of", "/api/v1/lineage?asOf=2026-11-20T08:30:00Z&nodeId=" + daily),
                get("lineage-stale", "/api/v1/lineage?includeStale=true&depth=2&nodeId=" + daily),
                get("lineage-export-dot", "/api/v1/lineage/export?nodeId=" + daily),
                get("lineage-export-graphml", "/api/v1/lineage/export?format=graphml&nodeId=" + daily));
    }

    private static List<Call> columnsAndImpact() {
        String payments = node("dataset:trino://localhost:8085:paymentsdb.public.payments");
        return List.of(
                get(
                        "column-lineage-field",
                        "/api/v1/column-lineage?nodeId=" + node("datasetField:wire:mart.orders_daily:amount")),
                get(
                        "column-lineage-downstream",
                        "/api/v1/column-lineage?withDownstream=true&nodeId="
                                + node("dataset:postgres://warehouse:5432:public.orders")),
                get("column-lineage-job", "/api/v1/column-lineage?nodeId=" + node("job:wire:etl.load_orders")),
                get(
                        "column-lineage-trino",
                        "/api/v1/column-lineage?nodeId="
                                + node("datasetField:trino://localhost:8085:insights.default.dim_customers:"
                                        + "customer_lifetime_value")),
                get(
                        "column-lineage-fixture",
                        "/api/v1/column-lineage?withDownstream=true&depth=1&nodeId="
                                + node("datasetField:postgres://db:5432:staging.orders:amount")),
                get(
                        "column-lineage-flow",
                        "/api/v1/column-lineage?withDownstream=true&depth=1&edges=flow&nodeId="
                                + node("datasetField:postgres://db:5432:staging.orders:amount")),
                get("impact", "/api/v1/impact?nodeId=" + payments),
                get("impact-column", "/api/v1/impact?column=amount&nodeId=" + payments),
                get("impact-without-paths", "/api/v1/impact?paths=false&domain=insights&depth=2&nodeId=" + payments),
                get(
                        "impact-wire",
                        "/api/v1/impact?includeStale=true&nodeId="
                                + node("dataset:postgres://warehouse:5432:public.orders")),
                post(
                        "schema-change-ddl",
                        "/api/v1/impact/schema-change",
                        "{\"ddl\": \"ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;\\n"
                                + "ALTER TABLE paymentsdb.public.payments RENAME COLUMN payment_method TO method\"}"),
                post(
                        "schema-change-list",
                        "/api/v1/impact/schema-change",
                        "{\"depth\": 2, \"changes\": [{\"kind\": \"change_type\", \"dataset\":"
                                + " \"paymentsdb.public.payments\", \"column\": \"amount\", \"newType\": \"bigint\"}]}"));
    }

    private static List<Call> searchDomainsAndEvents() {
        return List.of(
                get("search", "/api/v1/search?q=orders"),
                get("search-datasets-by-update", "/api/v1/search?q=orders&filter=dataset&sort=updated_at&limit=3"),
                get("search-namespace", "/api/v1/search?q=ORDERS&namespace=wire&filter=JOB"),
                get("search-nothing", "/api/v1/search?q=no_such_thing"),
                get("tags-none", "/api/v1/tags"),
                get("domains", "/api/v1/domains"),
                get("domains-graph", "/api/v1/domains/graph"),
                get("domain-datasets", "/api/v1/domains/insights/datasets?limit=3&offset=1"),
                get("domain-datasets-unknown", "/api/v1/domains/no_such_domain/datasets"),
                get("datasets-most-read", "/api/v1/datasets/most-read?limit=5"),
                get("events", "/api/v1/events/lineage?limit=4"),
                get(
                        "events-window",
                        "/api/v1/events/lineage?sortDirection=asc&limit=3&offset=1"
                                + "&after=2026-11-20T00:00:00Z&before=2026-11-22T00:00:00Z"),
                get("events-unprojected", "/api/v1/events/unprojected"));
    }

    private static List<Call> writes() {
        String daily = "/api/v1/namespaces/wire/datasets/mart.orders_daily";
        String load = "/api/v1/namespaces/wire/jobs/etl.load_orders";
        return List.of(
                put("tag-put", "/api/v1/tags/pii", "{\"description\": \"personal data \\u00e9\"}"),
                put("tag-put-without-body", "/api/v1/tags/gold", ""),
                get("tags", "/api/v1/tags"),
                post("dataset-tag", daily + "/tags/gold", ""),
                post("dataset-field-tag", daily + "/fields/amount/tags/pii", ""),
                post("job-tag", load + "/tags/gold", ""),
                get("dataset-tagged", daily),
                get("datasets-tagged", "/api/v1/namespaces/wire/datasets"),
                get("job-tagged", load),
                delete("dataset-untag", daily + "/tags/gold"),
                delete("dataset-field-untag", daily + "/fields/amount/tags/pii"),
                delete("job-untag", load + "/tags/gold"),
                delete("dataset-delete", "/api/v1/namespaces/wire_deleted/datasets/doomed.output"),
                delete("job-delete", "/api/v1/namespaces/wire_deleted/jobs/doomed"),
                delete("namespace-delete", "/api/v1/namespaces/wire_deleted"),
                get("namespaces-after-delete", "/api/v1/namespaces"),
                post("lineage-post", "/api/v1/lineage", fixtureEvent("0193a5b0-0000-7000-8000-00000000a006")),
                post(
                        "lineage-post-batch",
                        "/api/v1/lineage",
                        "[" + fixtureEvent("0193a5b0-0000-7000-8000-00000000a007") + ", {\"eventType\": \"START\"}]"),
                post("trino-event", "/api/v1/trino/events", TrinoCaptures.read("001-http-query-created.json")));
    }

    private static List<Call> refusals() {
        return List.of(
                get("refusal-dataset", "/api/v1/namespaces/wire/datasets/no.such_table"),
                get("refusal-namespace", "/api/v1/namespaces/no_such_namespace/jobs"),
                get("refusal-lineage-node", "/api/v1/lineage"),
                get("refusal-lineage-depth", "/api/v1/lineage?depth=many&nodeId=" + node("dataset:wire:t")),
                get("refusal-run-id", "/api/v1/jobs/runs/not-a-uuid"),
                get("refusal-run-facets", "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a001/facets"),
                get("refusal-paging", "/api/v1/namespaces?limit=-1"),
                get("refusal-route", "/api/v1/nothing-here"),
                post("refusal-schema-change", "/api/v1/impact/schema-change", "{\"changes\": [{\"kind\": \"x\"}]}"),
                post("refusal-event", "/api/v1/lineage", "{\"eventType\": \"START\"}"),
                post("refusal-trino-sync", "/api/v1/trino/sync", "{\"catalogs\": [\"insights\", 7]}"),
                post(
                        "refusal-event-limits",
                        "/api/v1/lineage",
                        "{\"eventTime\": \"0000-01-01T00:00:00Z\", \"producer\": \"p\", \"run\": {\"runId\":"
                                + " \"1-1-1-1-1\"}, \"job\": {\"namespace\": \"wire\", \"name\": \"a\\u0000b\"}}"),
                get("refusal-events-before", "/api/v1/events/lineage?before=%2B999999999-12-31T23:59:59Z"));
    }

    /** Issue 20's endpoints, after the others so that their writes change none of the answers above. */
    private static List<Call> marquezEndpoints() {
        String load = "/api/v1/namespaces/wire/jobs/etl.load_orders";
        return List.of(
                get("jobs-all", "/api/v1/jobs?limit=5"),
                get("jobs-all-failed", "/api/v1/jobs?lastRunStates=FAILED&lastRunStates=aborted"),
                get("jobs-wire-failed", "/api/v1/namespaces/wire/jobs?lastRunStates=FAILED"),
                get("sources", "/api/v1/sources"),
                get("source", "/api/v1/sources/warehouse"),
                get("job-versions", load + "/versions"),
                get("run-lineage-upstream", "/api/v1/runlineage/upstream?runId=0193a5b0-0000-7000-8000-00000000a002"),
                put("namespace-put", "/api/v1/namespaces/wire_owned", "{\"ownerName\": \"data-team\"}"),
                get("refusal-source", "/api/v1/sources/no-such-source"),
                get("refusal-job-states", "/api/v1/jobs?lastRunStates=DONE"),
                put("refusal-namespace-put", "/api/v1/namespaces/wire_owned", "{\"description\": \"x\"}"),
                put("refusal-deprecated-dataset-put", "/api/v1/namespaces/wire/datasets/t", "{}"),
                post(
                        "refusal-deprecated-run-start",
                        "/api/v1/jobs/runs/0193a5b0-0000-7000-8000-00000000a001/start",
                        ""),
                post("refusal-graphql", "/api/v1-beta/graphql", "{\"query\": \"{ jobs { name } }\"}"),
                get("refusal-v2beta-search", "/api/v2beta/search/datasets?q=orders"));
    }

    /** A COMPLETE run of {@code wire/etl.load_orders} at a fixed time, with a given run id. */
    private static String fixtureEvent(String runId) {
        return "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2026-11-22T08:00:00Z\","
                + " \"producer\": \"https://github.com/lineage/tests\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"" + runId
                + "\"}, \"job\": {\"namespace\": \"wire\", \"name\": \"etl.load_orders\"}}";
    }

    private static String node(String nodeId) {
        return URLEncoder.encode(nodeId, StandardCharsets.UTF_8);
    }

    private static Call get(String name, String path) {
        return new Call(name, "GET", path, "");
    }

    private static Call post(String name, String path, String body) {
        return new Call(name, "POST", path, body);
    }

    private static Call put(String name, String path, String body) {
        return new Call(name, "PUT", path, body);
    }

    private static Call delete(String name, String path) {
        return new Call(name, "DELETE", path, "");
    }

    /** One request: its golden file's name, method, path with query, and body (empty for GET and DELETE). */
    record Call(String name, String method, String path, String body) {}
}
