import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The end-to-end check of deploy/local/e2e.sh: runs the jaffle-mesh scenario against a real Trino, one statement at a
 * time, waits until the lineage server has each query's run, then asserts what the lineage server answers through its
 * HTTP API. Exits 1 when an assertion fails.
 *
 * <p>Run with a JDK 17 and the server's shaded jar on the class path (for Jackson): {@code java -cp
 * lineage-server-all.jar deploy/local/E2eCheck.java --trino http://127.0.0.1:8085 --lineage http://127.0.0.1:5000
 * --namespace trino://localhost:8085 --sql deploy/local/jaffle_mesh.sql}.
 *
 * <p>A Trino query's run is the name-based (version 3) UUID of its query id, as Trino's OpenLineage listener names it;
 * the server gives the HTTP listener's events of the query the same run.
 */
public final class E2eCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Set<String> TERMINAL_STATES = Set.of("COMPLETED", "FAILED", "ABORTED");
    private static final Pattern QUERY_ID = Pattern.compile("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}");
    private static final Duration POLL = Duration.ofMillis(250);
    /** The statement run a second time after the scenario. */
    private static final String RERUN = "INSERT INTO insights.default.daily_order_summary";

    private final String trino;
    private final String lineage;
    private final String namespace;
    private final Duration eventWait;
    private final Duration assertWait;
    private final List<Statement> statements = new ArrayList<>();
    private final Map<String, String> results = new LinkedHashMap<>();
    private Optional<Statement> rerun = Optional.empty();

    private E2eCheck(Map<String, String> options) {
        this.trino = strip(options.getOrDefault("trino", "http://127.0.0.1:8085"));
        this.lineage = strip(options.getOrDefault("lineage", "http://127.0.0.1:5000"));
        this.namespace = options.getOrDefault("namespace", "trino://localhost:8085");
        this.eventWait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("event-wait", "30")));
        this.assertWait = Duration.ofSeconds(Long.parseLong(options.getOrDefault("assert-wait", "10")));
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int index = 0; index + 1 < args.length; index += 2) {
            if (!args[index].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[index]);
            }
            options.put(args[index].substring(2), args[index + 1]);
        }
        String sql = Files.readString(Path.of(options.getOrDefault("sql", "deploy/local/jaffle_mesh.sql")));
        E2eCheck check = new E2eCheck(options);
        long started = System.nanoTime();
        check.runScenario(Scenario.split(sql));
        long scenarioSeconds = (System.nanoTime() - started) / 1_000_000_000L;
        check.assertLineage();
        System.exit(check.report(scenarioSeconds) ? 0 : 1);
    }

    // ---------------------------------------------------------------- scenario

    private void runScenario(List<String> sqls) {
        TrinoSession session = new TrinoSession(trino);
        System.out.printf("running %d statements against %s%n", sqls.size(), trino);
        for (int index = 0; index < sqls.size(); index++) {
            statements.add(run(session, index + 1, sqls.get(index)));
        }
        // The same statement again: a second run of the same job, since jobs are statements, not queries.
        Optional<Statement> insert = statements.stream()
                .filter(statement -> statement.sql().contains(RERUN))
                .findFirst();
        insert.ifPresent(statement -> rerun = Optional.of(run(session, statements.size() + 1, statement.sql())));
    }

    private Statement run(TrinoSession session, int number, String sql) {
        long started = System.nanoTime();
        TrinoSession.Result result = session.execute(sql);
        double querySeconds = (System.nanoTime() - started) / 1e9;
        Optional<String> runState = result.queryId().flatMap(this::awaitTerminalRun);
        double eventSeconds = (System.nanoTime() - started) / 1e9 - querySeconds;
        Statement statement = new Statement(number, sql, result, runState);
        System.out.printf(
                "  %02d %-27s %-8s %-15s run %-9s %5.1fs + %4.1fs events | %s%n",
                statement.number(),
                result.queryId().orElse("-"),
                result.state(),
                result.errorName().orElse(""),
                runState.orElse("MISSING"),
                querySeconds,
                eventSeconds,
                statement.summary());
        return statement;
    }

    /** The state of the query's run once it is terminal; empty if the server has not got there within the wait. */
    private Optional<String> awaitTerminalRun(String queryId) {
        long deadline = System.nanoTime() + eventWait.toNanos();
        String path = "/api/v1/jobs/runs/" + runId(queryId);
        while (true) {
            Optional<JsonNode> run = getOptional(path);
            String state = run.map(node -> node.path("state").asText("")).orElse("");
            if (TERMINAL_STATES.contains(state)) {
                return Optional.of(state);
            }
            if (System.nanoTime() > deadline) {
                return Optional.empty();
            }
            pause();
        }
    }

    // ---------------------------------------------------------------- assertions

    private void assertLineage() {
        check("the scenario ran as written (only the syntax error and the missing table fail)", this::scenarioFailure);
        check("the lineage server has a finished run for every query", this::missingRuns);
        check(
                "the cluster is one namespace, " + namespace + ", its HTTP listener's address a learned alias of it",
                this::oneClusterNamespace);
        check(
                "insights.default.dim_customers has upstream customersdb.public.customers, ordersdb.public.orders and"
                        + " paymentsdb.public.payments",
                () -> missingUpstream(
                        "insights.default.dim_customers",
                        List.of(
                                "customersdb.public.customers",
                                "ordersdb.public.orders",
                                "paymentsdb.public.payments")));
        check(
                "dim_customers, daily_order_summary and customersdb.public.customers list all their columns",
                this::datasetColumns);
        check(
                "dim_customers.customer_lifetime_value comes from paymentsdb.public.payments.amount (via the views)",
                this::lifetimeValueLineage);
        check("the syntax-error query is a FAILED run", () -> notFailed(statement("SELEC id, first_name")));
        check("the missing-table query is a FAILED run", () -> notFailed(statement("ordersdb.public.refunds")));
        check("no dataset is named *._generated._generated_query", this::pushdownArtefacts);
        check(
                "CREATE TABLE, INSERT and MERGE into daily_order_summary are three distinct jobs",
                this::dailySummaryJobs);
        check("running the INSERT into daily_order_summary again adds a run to the same job", this::rerunJob);
        check(
                "USE then unqualified SELECT: its job reads customersdb.public.customers",
                () -> missingJobInput(
                        statement("SELECT id, first_name, last_name FROM customers"), "customersdb.public.customers"));
        check(
                "USE then unqualified CTAS: insights.default.customer_segments has upstream dim_customers",
                () -> missingUpstream("insights.default.customer_segments", List.of("insights.default.dim_customers")));
    }

    /** Runs the assertion until it passes or the wait is over: events may still be on their way. */
    private void check(String name, Supplier<Optional<String>> failure) {
        long deadline = System.nanoTime() + assertWait.toNanos();
        Optional<String> result;
        while (true) {
            try {
                result = failure.get();
            } catch (RuntimeException exception) {
                result = Optional.of(exception.getClass().getSimpleName() + ": " + exception.getMessage());
            }
            if (result.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            pause();
        }
        results.put(name, result.orElse(""));
        System.out.printf("%s %s%n", result.isEmpty() ? "PASS" : "FAIL", name);
        result.ifPresent(message -> System.out.printf("     %s%n", message));
    }

    private Optional<String> scenarioFailure() {
        if (statements.isEmpty()) {
            return Optional.of("the scenario file has no statements");
        }
        List<String> problems = new ArrayList<>();
        for (Statement statement : statements) {
            Optional<String> expected = statement.expectedError();
            Optional<String> actual = statement.result().errorName();
            if (!expected.equals(actual)) {
                problems.add("statement " + statement.number() + " (" + statement.summary() + ") ended "
                        + statement.result().state() + actual.map(error -> " " + error).orElse("")
                        + actual.flatMap(error -> statement.result().errorMessage()).map(message -> ": " + message)
                                .orElse("")
                        + ", expected " + expected.orElse("FINISHED"));
            }
        }
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private Optional<String> missingRuns() {
        List<String> missing = new ArrayList<>();
        for (Statement statement : statements) {
            if (statement.runState().isEmpty()) {
                missing.add(statement.number() + " (" + statement.result().queryId().orElse("no query id") + ", "
                        + statement.summary() + ")");
            }
        }
        return missing.isEmpty()
                ? Optional.empty()
                : Optional.of("no terminal run within " + eventWait.toSeconds() + "s for statements " + missing);
    }

    private Optional<String> missingUpstream(String dataset, List<String> expected) {
        JsonNode graph = get("/api/v1/lineage?nodeId=" + encode(datasetNode(dataset)) + "&depth=20&direction=upstream")
                .path("graph");
        Set<String> ids = new LinkedHashSet<>();
        graph.forEach(node -> ids.add(node.path("id").asText()));
        List<String> missing =
                expected.stream().filter(name -> !ids.contains(datasetNode(name))).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("missing upstream " + missing + "; the upstream graph has " + datasets(ids));
    }

    /**
     * Trino's events list only the columns a query read (inputs) or a MERGE updated (output): none of them may narrow
     * what the dataset API shows as the table's columns.
     */
    private Optional<String> datasetColumns() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put(
                "insights.default.dim_customers",
                List.of(
                        "customer_id",
                        "first_name",
                        "last_name",
                        "first_order",
                        "most_recent_order",
                        "number_of_orders",
                        "customer_lifetime_value"));
        expected.put("insights.default.daily_order_summary", List.of("order_date", "status", "orders", "amount_cents"));
        expected.put("customersdb.public.customers", List.of("id", "first_name", "last_name"));
        List<String> problems = new ArrayList<>();
        expected.forEach((name, columns) -> {
            JsonNode dataset = get("/api/v1/namespaces/" + encode(namespace) + "/datasets/" + encode(name));
            Set<String> fields = new LinkedHashSet<>();
            dataset.path("fields").forEach(field -> fields.add(field.path("name").asText()));
            if (!fields.containsAll(columns)) {
                problems.add(name + " has " + fields + ", expected " + columns);
            }
        });
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private Optional<String> lifetimeValueLineage() {
        String field = "datasetField:" + namespace + ":insights.default.dim_customers:customer_lifetime_value";
        JsonNode graph = get("/api/v1/column-lineage?nodeId=" + encode(field) + "&depth=20").path("graph");
        Set<String> ids = new LinkedHashSet<>();
        graph.forEach(node -> ids.add(node.path("id").asText()));
        String source = "datasetField:" + namespace + ":paymentsdb.public.payments:amount";
        if (ids.contains(source)) {
            return Optional.empty();
        }
        return Optional.of("the upstream fields are " + fields(ids));
    }

    private Optional<String> notFailed(Statement statement) {
        Optional<String> queryId = statement.result().queryId();
        if (queryId.isEmpty()) {
            return Optional.of("statement " + statement.number() + " has no query id");
        }
        Optional<JsonNode> run = getOptional("/api/v1/jobs/runs/" + runId(queryId.get()));
        if (run.isEmpty()) {
            return Optional.of("no run " + runId(queryId.get()) + " for query " + queryId.get());
        }
        String state = run.get().path("state").asText();
        return state.equals("FAILED")
                ? Optional.empty()
                : Optional.of("run " + runId(queryId.get()) + " of query " + queryId.get() + " is " + state);
    }

    /**
     * The server is given no namespace: its two listeners report the cluster as localhost and as 127.0.0.1, and a query
     * both report makes the second an alias of the first (the OpenLineage listener's trino.uri).
     */
    private Optional<String> oneClusterNamespace() {
        List<String> trino = new ArrayList<>();
        for (JsonNode space : get("/api/v1/namespaces?limit=1000").path("namespaces")) {
            if (space.path("name").asText().startsWith("trino://")) {
                trino.add(space.path("name").asText());
            }
        }
        if (!trino.equals(List.of(namespace))) {
            return Optional.of("Trino namespaces " + trino);
        }
        for (JsonNode alias : get("/api/v1/aliases").path("aliases")) {
            if (alias.path("canonical").path("namespace").asText().equals(namespace)
                    && alias.path("origin").asText().equals("trino-query-id")
                    && !alias.path("mergedAt").isNull()) {
                return Optional.empty();
            }
        }
        return Optional.of("no merged trino-query-id alias of " + namespace + " in " + get("/api/v1/aliases"));
    }

    private Optional<String> pushdownArtefacts() {
        List<String> found = new ArrayList<>();
        for (JsonNode space : get("/api/v1/namespaces?limit=1000").path("namespaces")) {
            String name = space.path("name").asText();
            for (JsonNode dataset : get("/api/v1/namespaces/" + encode(name) + "/datasets?limit=1000")
                    .path("datasets")) {
                String datasetName = dataset.path("name").asText();
                if (datasetName.endsWith("._generated._generated_query")) {
                    found.add(name + " " + datasetName);
                }
            }
        }
        return found.isEmpty() ? Optional.empty() : Optional.of("found " + found);
    }

    private Optional<String> dailySummaryJobs() {
        List<Statement> writes = List.of(
                statement("CREATE TABLE insights.default.daily_order_summary ("),
                statement("INSERT INTO insights.default.daily_order_summary"),
                statement("MERGE INTO insights.default.daily_order_summary"));
        Map<String, String> jobByQuery = new LinkedHashMap<>();
        for (Statement write : writes) {
            String queryId = write.result().queryId().orElseThrow();
            Optional<String> job = jobOf(queryId);
            if (job.isEmpty()) {
                return Optional.of("no job has the run of query " + queryId + " (" + write.summary() + ")");
            }
            jobByQuery.put(queryId, job.get());
        }
        List<String> problems = new ArrayList<>();
        if (new LinkedHashSet<>(jobByQuery.values()).size() != writes.size()) {
            problems.add("the three statements share jobs");
        }
        jobByQuery.forEach((queryId, job) -> {
            if (QUERY_ID.matcher(job).find()) {
                problems.add("job " + job + " is named after a query id");
            }
        });
        return problems.isEmpty()
                ? Optional.empty()
                : Optional.of(String.join("; ", problems) + " (query -> job: " + jobByQuery + ")");
    }

    private Optional<String> rerunJob() {
        if (rerun.isEmpty()) {
            return Optional.of("the scenario has no statement containing '" + RERUN + "'");
        }
        Statement second = rerun.get();
        if (second.result().errorName().isPresent() || second.result().queryId().isEmpty()) {
            return Optional.of(
                    "the second run failed in Trino: " + second.result().errorMessage().orElse("no query id"));
        }
        String firstQuery = statement(RERUN).result().queryId().orElseThrow();
        String secondQuery = second.result().queryId().orElseThrow();
        Optional<String> firstJob = jobOf(firstQuery);
        Optional<String> secondJob = jobOf(secondQuery);
        if (firstJob.isEmpty() || secondJob.isEmpty()) {
            return Optional.of("no job has the run of query " + (firstJob.isEmpty() ? firstQuery : secondQuery));
        }
        return firstJob.equals(secondJob)
                ? Optional.empty()
                : Optional.of("query " + firstQuery + " ran in job " + firstJob.get() + ", the same statement again ("
                        + secondQuery + ") in job " + secondJob.get());
    }

    private Optional<String> missingJobInput(Statement statement, String input) {
        String queryId = statement.result().queryId().orElseThrow();
        Optional<String> job = jobOf(queryId);
        if (job.isEmpty()) {
            return Optional.of("no job has the run of query " + queryId);
        }
        JsonNode body = get("/api/v1/namespaces/" + encode(namespace) + "/jobs/" + encode(job.get()));
        List<String> inputs = new ArrayList<>();
        body.path("inputs").forEach(dataset -> inputs.add(dataset.path("name").asText()));
        return inputs.contains(input)
                ? Optional.empty()
                : Optional.of("job " + job.get() + " reads " + inputs + ", not " + input);
    }

    /** The job of a query's run: the run's job version names it; else the job whose latest runs include it. */
    private Optional<String> jobOf(String queryId) {
        String runId = runId(queryId).toString();
        Optional<JsonNode> run = getOptional("/api/v1/jobs/runs/" + runId);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        JsonNode version = run.get().path("jobVersion");
        if (version.hasNonNull("name")) {
            return Optional.of(version.path("name").asText());
        }
        for (JsonNode job : get("/api/v1/namespaces/" + encode(namespace) + "/jobs?limit=1000").path("jobs")) {
            for (JsonNode latest : job.path("latestRuns")) {
                if (latest.path("id").asText().equals(runId)) {
                    return Optional.of(job.path("name").asText());
                }
            }
        }
        return Optional.empty();
    }

    /** The one statement whose text contains the fragment. */
    private Statement statement(String fragment) {
        List<Statement> matches = statements.stream()
                .filter(statement -> statement.sql().contains(fragment))
                .toList();
        if (matches.size() != 1) {
            throw new IllegalStateException(
                    matches.size() + " statements contain '" + fragment + "'; the scenario file changed?");
        }
        return matches.get(0);
    }

    private boolean report(long scenarioSeconds) {
        long failed = results.values().stream().filter(message -> !message.isEmpty()).count();
        System.out.printf(
                "%nsummary: %d statements and %d re-run in %ds; %d of %d assertions passed%n",
                statements.size(), rerun.isPresent() ? 1 : 0, scenarioSeconds, results.size() - failed, results.size());
        results.forEach((name, message) -> {
            if (!message.isEmpty()) {
                System.out.printf("  FAILED: %s%n", name);
            }
        });
        return failed == 0;
    }

    // ---------------------------------------------------------------- helpers

    private String datasetNode(String name) {
        return "dataset:" + namespace + ":" + name;
    }

    private List<String> datasets(Set<String> ids) {
        String prefix = "dataset:" + namespace + ":";
        return ids.stream()
                .filter(id -> id.startsWith("dataset:"))
                .map(id -> id.startsWith(prefix) ? id.substring(prefix.length()) : id)
                .sorted()
                .toList();
    }

    private List<String> fields(Set<String> ids) {
        String prefix = "datasetField:" + namespace + ":";
        return ids.stream()
                .map(id -> id.startsWith(prefix) ? id.substring(prefix.length()) : id)
                .sorted()
                .toList();
    }

    static UUID runId(String queryId) {
        return UUID.nameUUIDFromBytes(queryId.getBytes(StandardCharsets.UTF_8));
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lineage + path)));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return parse(response.body());
    }

    private Optional<JsonNode> getOptional(String path) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lineage + path)));
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return Optional.of(parse(response.body()));
    }

    static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", exception);
        }
    }

    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException exception) {
            throw new UncheckedIOException("not JSON: " + abbreviate(body), exception);
        }
    }

    /**
     * The interval of a poll bounded by a deadline: Trino's listeners post asynchronously and say nothing when done, so
     * the check polls the lineage API until the condition holds or the deadline passes (never a sleep standing in for
     * a condition).
     */
    static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", exception);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String strip(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** A statement of the scenario as it ran. */
    record Statement(int number, String sql, TrinoSession.Result result, Optional<String> runState) {
        /** The first line that is not a comment, shortened. */
        String summary() {
            String line = sql.lines()
                    .map(String::strip)
                    .filter(text -> !text.isEmpty() && !text.startsWith("/*") && !text.startsWith("--"))
                    .findFirst()
                    .orElse("");
            return line.length() <= 60 ? line : line.substring(0, 60) + "…";
        }

        /** The two statements of the scenario that must fail, and how. */
        Optional<String> expectedError() {
            if (sql.startsWith("SELEC ")) {
                return Optional.of("SYNTAX_ERROR");
            }
            if (sql.contains("ordersdb.public.refunds")) {
                return Optional.of("TABLE_NOT_FOUND");
            }
            return Optional.empty();
        }
    }

    /**
     * Splits the scenario file: a statement ends with ';' at the end of a line; '--' lines between statements are
     * headings, not sent.
     */
    static final class Scenario {
        private Scenario() {}

        static List<String> split(String text) {
            List<String> sqls = new ArrayList<>();
            List<String> buffer = new ArrayList<>();
            for (String line : text.split("\n", -1)) {
                if (buffer.isEmpty() && (line.isBlank() || line.stripLeading().startsWith("--"))) {
                    continue;
                }
                buffer.add(line);
                if (line.stripTrailing().endsWith(";")) {
                    String sql = String.join("\n", buffer).stripTrailing();
                    sqls.add(sql.substring(0, sql.length() - 1).stripTrailing());
                    buffer.clear();
                }
            }
            if (!String.join("", buffer).isBlank()) {
                sqls.add(String.join("\n", buffer).strip());
            }
            return sqls;
        }
    }

    /**
     * Trino's client REST protocol: POST /v1/statement, follow nextUri to the end, keep what USE sets
     * (X-Trino-Set-Catalog, X-Trino-Set-Schema) for the next statements.
     */
    static final class TrinoSession {
        private final String server;
        private Optional<String> catalog = Optional.empty();
        private Optional<String> schema = Optional.empty();

        TrinoSession(String server) {
            this.server = server;
        }

        record Result(
                Optional<String> queryId,
                String state,
                Optional<String> errorName,
                Optional<String> errorMessage,
                long rows) {}

        Result execute(String sql) {
            HttpResponse<String> response = request(HttpRequest.newBuilder(URI.create(server + "/v1/statement"))
                    .POST(HttpRequest.BodyPublishers.ofString(sql)));
            Optional<String> setCatalog = Optional.empty();
            Optional<String> setSchema = Optional.empty();
            long rows = 0;
            while (true) {
                Optional<String> catalogHeader = response.headers().firstValue("X-Trino-Set-Catalog");
                Optional<String> schemaHeader = response.headers().firstValue("X-Trino-Set-Schema");
                if (catalogHeader.isPresent()) {
                    setCatalog = catalogHeader;
                }
                if (schemaHeader.isPresent()) {
                    setSchema = schemaHeader;
                }
                JsonNode body = parse(response.body());
                rows += body.path("data").size();
                JsonNode next = body.path("nextUri");
                if (next.isMissingNode() || next.isNull()) {
                    catalog = setCatalog.or(() -> catalog);
                    schema = setSchema.or(() -> schema);
                    JsonNode error = body.path("error");
                    return new Result(
                            text(body.path("id")),
                            body.path("stats").path("state").asText("UNKNOWN"),
                            text(error.path("errorName")),
                            text(error.path("message")),
                            rows);
                }
                response = request(HttpRequest.newBuilder(URI.create(next.asText())).GET());
            }
        }

        private HttpResponse<String> request(HttpRequest.Builder builder) {
            builder.header("X-Trino-User", "lineage_e2e").header("X-Trino-Source", "lineage-e2e");
            catalog.ifPresent(value -> builder.header("X-Trino-Catalog", value));
            schema.ifPresent(value -> builder.header("X-Trino-Schema", value));
            // The coordinator answers 502-504 while it is busy: ask again.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                HttpResponse<String> response = send(builder);
                int status = response.statusCode();
                if (status == 200) {
                    return response;
                }
                if (status < 502 || status > 504 || System.nanoTime() > deadline) {
                    throw new IllegalStateException("Trino answered " + status + ": " + abbreviate(response.body()));
                }
                pause();
            }
        }

        private static Optional<String> text(JsonNode node) {
            return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
        }
    }
}
