package lineage.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * Every answer of the HTTP API, byte for byte: status, headers and body of each call in {@link #calls()}, in that
 * order, against golden files {@code src/test/resources/wire/<name>.txt}, after a fixed set of events (the jaffle-shop
 * mesh from both Trino listeners, the column-lineage fixtures and {@code fixtures/openlineage/wire-shapes.json}).
 *
 * <p>What the server makes up at run time is masked, and only that: a random (version 4) UUID that no posted event
 * holds (dataset and job versions) becomes {@code <uuid-N>}, numbered by first appearance in its body, and a timestamp
 * within ten minutes of this test's run (the database's {@code now()}: run and tag times) becomes {@code <now>}. Every
 * event time is weeks before the test runs. The {@code date} header is left out and {@code content-length} is checked
 * against the body rather than written down, as masking changes the length.
 *
 * <p>To write the golden files again from today's answers, run with {@code -Dwire.update=true} and review the diff.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WireShapesIT implements TestPropertyProvider {
    private static final String TRINO = "trino:%2F%2Flocalhost:8085";
    private static final String WAREHOUSE = "postgres:%2F%2Fwarehouse:5432";
    private static final String GOLDEN = "src/test/resources/wire";
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(10);
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern RANDOM_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private final Set<String> postedUuids = new TreeSet<>();
    private Instant started;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestingDatabase.properties());
        properties.put("lineage.domains.insights.owner", "analytics-team");
        properties.put("lineage.domains.insights.contact", "#analytics");
        properties.put("lineage.domains.insights.catalogs", "insights");
        properties.put("lineage.domains.sales.owner", "sales-team");
        properties.put("lineage.domains.sales.namespaces", "wire");
        return properties;
    }

    @BeforeAll
    void postTheEvents() {
        started = Instant.now();
        for (String file : TrinoCaptures.all()) {
            String path = TrinoCaptures.isHttp(file) ? "/api/v1/trino/events" : "/api/v1/lineage";
            postOk(path, TrinoCaptures.read(file));
        }
        for (String fixture : List.of("column-lineage-stage-orders.json", "column-lineage-build-mart.json")) {
            postOk("/api/v1/lineage", fixture("/fixtures/openlineage/" + fixture));
        }
        for (JsonNode event : ServerClient.json(fixture("/fixtures/openlineage/wire-shapes.json"))) {
            postOk("/api/v1/lineage", event.toString());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyAnswerIsAsPinned() {
        return calls().stream().map(call -> DynamicTest.dynamicTest(call.name(), () -> check(call)));
    }

    /** The calls, in order: reads of what the events made, then writes and the reads that show them, then refusals. */
    private static List<Call> calls() {
        List<Call> calls = new ArrayList<>();
        calls.addAll(namespacesAndDatasets());
        calls.addAll(jobsAndRuns());
        calls.addAll(graphs());
        calls.addAll(searchDomainsAndEvents());
        calls.addAll(writes());
        calls.addAll(refusals());
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

    private static List<Call> graphs() {
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
                get("lineage-export-graphml", "/api/v1/lineage/export?format=graphml&nodeId=" + daily),
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
                get("events", "/api/v1/events/lineage?limit=4"),
                get(
                        "events-window",
                        "/api/v1/events/lineage?sortDirection=asc&limit=3&offset=1"
                                + "&after=2026-11-20T00:00:00Z&before=2026-11-22T00:00:00Z"));
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
                post("refusal-trino-sync", "/api/v1/trino/sync", "{\"catalogs\": [\"insights\", 7]}"));
    }

    /** A COMPLETE run of {@code wire/etl.load_orders} at a fixed time, with a given run id. */
    private static String fixtureEvent(String runId) {
        return "{\"eventType\": \"COMPLETE\", \"eventTime\": \"2026-11-22T08:00:00Z\","
                + " \"producer\": \"https://github.com/lineage/tests\","
                + " \"schemaURL\": \"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + " \"run\": {\"runId\": \"" + runId
                + "\"}, \"job\": {\"namespace\": \"wire\", \"name\": \"etl.load_orders\"}}";
    }

    private void check(Call call) throws IOException {
        remember(call.body());
        HttpResponse<String> response = send(call);
        String actual = describe(call, response);
        Path golden = Path.of(GOLDEN, call.name() + ".txt");
        if (Boolean.getBoolean("wire.update")) {
            Files.createDirectories(golden.getParent());
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertThat(response.headers().firstValue("content-length"))
                .as("content-length of " + call.name())
                .hasValueSatisfying(length -> assertThat(Integer.parseInt(length))
                        .isEqualTo(response.body().getBytes(StandardCharsets.UTF_8).length));
        assertThat(actual).as(call.name()).isEqualTo(expected(call.name()));
    }

    private HttpResponse<String> send(Call call) {
        ServerClient client = new ServerClient(server.getURI());
        return switch (call.method()) {
            case "GET" -> client.get(call.path());
            case "POST" -> client.post(call.path(), call.body());
            case "PUT" -> client.put(call.path(), call.body());
            case "DELETE" -> client.delete(call.path());
            default -> throw new IllegalArgumentException("no method " + call.method());
        };
    }

    /** The call, then the status, the headers (without date; content-length checked, not kept) and the masked body. */
    private String describe(Call call, HttpResponse<String> response) {
        StringBuilder text = new StringBuilder();
        text.append(call.method()).append(' ').append(call.path()).append('\n');
        text.append(response.statusCode()).append('\n');
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        headers.forEach((name, values) -> {
            if (!name.equals("date")) {
                String value = name.equals("content-length") ? "<length>" : String.join(", ", values);
                text.append(name).append(": ").append(value).append('\n');
            }
        });
        text.append('\n').append(mask(response.body()));
        return text.toString();
    }

    private String mask(String body) {
        Map<String, String> uuids = new LinkedHashMap<>();
        Matcher uuid = RANDOM_UUID.matcher(body);
        StringBuilder masked = new StringBuilder();
        while (uuid.find()) {
            String value = uuid.group();
            String replacement = postedUuids.contains(value)
                    ? value
                    : uuids.computeIfAbsent(value, key -> "<uuid-" + (uuids.size() + 1) + ">");
            uuid.appendReplacement(masked, Matcher.quoteReplacement(replacement));
        }
        uuid.appendTail(masked);
        Instant from = started.minus(CLOCK_SLACK);
        Instant to = Instant.now().plus(CLOCK_SLACK);
        Matcher timestamp = TIMESTAMP.matcher(masked.toString());
        StringBuilder result = new StringBuilder();
        while (timestamp.find()) {
            String replacement = timestamp.group();
            try {
                Instant instant = OffsetDateTime.parse(timestamp.group()).toInstant();
                if (!instant.isBefore(from) && !instant.isAfter(to)) {
                    replacement = "<now>";
                }
            } catch (DateTimeParseException notATime) {
                // Text that only looks like a time (no seconds, say) is compared as it is.
            }
            timestamp.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        timestamp.appendTail(result);
        return result.toString();
    }

    private void postOk(String path, String body) {
        remember(body);
        HttpResponse<String> response = new ServerClient(server.getURI()).post(path, body);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 201);
    }

    private void remember(String body) {
        Matcher matcher = UUID_TEXT.matcher(body);
        while (matcher.find()) {
            postedUuids.add(matcher.group().toLowerCase(Locale.ROOT));
        }
    }

    private static String expected(String name) {
        try (InputStream in = WireShapesIT.class.getResourceAsStream("/wire/" + name + ".txt")) {
            if (in == null) {
                throw new AssertionError("no golden file wire/" + name + ".txt; write it with -Dwire.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    private static String fixture(String path) {
        try (InputStream in = WireShapesIT.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
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
    private record Call(String name, String method, String path, String body) {}
}
