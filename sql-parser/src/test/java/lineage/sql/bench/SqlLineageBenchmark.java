package lineage.sql.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lineage.sql.ParseOptions;
import lineage.sql.SchemaProvider;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of a full lineage parse (tables and columns, with session defaults and schemas) on three realistic
 * inputs: the jaffle-shop {@code dim_customers} dbt model, a ~300-line CTE-heavy dbt model, and a 10-statement
 * Airflow batch script. The SQL texts are {@code src/test/resources/bench/*.sql}.
 *
 * <p>Run with {@code bench/sql-parser-benchmark.sh}. The warm-up is 50 s because on a busy 2-core machine 25 s
 * was not enough: scores were still rising in the first measurement iterations.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 10, time = 5, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 5, timeUnit = TimeUnit.SECONDS)
public class SqlLineageBenchmark {
    private static final List<String> CUSTOMERS = List.of("id", "first_name", "last_name");
    private static final List<String> ORDERS = List.of("id", "user_id", "order_date", "status");
    private static final List<String> PAYMENTS = List.of("id", "order_id", "payment_method", "amount");

    private final SqlLineageParser parser = new SqlLineageParser();

    private String dimCustomersSql;
    private ParseOptions dimCustomersOptions;
    private String cteHeavyModelSql;
    private ParseOptions cteHeavyModelOptions;
    private String tenStatementScriptSql;
    private ParseOptions tenStatementScriptOptions;

    @Setup
    public void setUp() {
        dimCustomersSql = load("dim_customers.sql");
        dimCustomersOptions = options(Map.of(
                "insights.default.stg_customers", List.of("customer_id", "first_name", "last_name"),
                "insights.default.customer_orders",
                        List.of("customer_id", "first_order", "most_recent_order", "number_of_orders"),
                "insights.default.customer_payments", List.of("customer_id", "total_amount")));

        cteHeavyModelSql = load("customer_360.sql");
        cteHeavyModelOptions = options(Map.of(
                "customersdb.public.customers", CUSTOMERS,
                "ordersdb.public.orders", ORDERS,
                "paymentsdb.public.payments", PAYMENTS));

        tenStatementScriptSql = load("daily_revenue_script.sql");
        Map<String, List<String>> scriptSchemas = new LinkedHashMap<>();
        scriptSchemas.put("customersdb.public.customers", CUSTOMERS);
        scriptSchemas.put("ordersdb.public.orders", ORDERS);
        scriptSchemas.put("paymentsdb.public.payments", PAYMENTS);
        scriptSchemas.put(
                "insights.default.stg_order_payments",
                List.of("order_id", "customer_id", "order_date", "status", "payment_method", "amount"));
        scriptSchemas.put(
                "insights.default.daily_revenue_stage_20180409",
                List.of("order_date", "payment_method", "status", "orders", "customers", "revenue"));
        scriptSchemas.put(
                "insights.default.daily_revenue",
                List.of("order_date", "payment_method", "status", "orders", "customers", "revenue", "loaded_at"));
        scriptSchemas.put(
                "insights.default.customer_summary",
                List.of(
                        "customer_id",
                        "first_name",
                        "last_name",
                        "last_order_date",
                        "lifetime_orders",
                        "lifetime_revenue",
                        "segment"));
        tenStatementScriptOptions = options(scriptSchemas);

        System.out.println();
        check("dimCustomers", parser.parse(dimCustomersSql, dimCustomersOptions));
        check("cteHeavyModel", parser.parse(cteHeavyModelSql, cteHeavyModelOptions));
        check("tenStatementScript", parser.parse(tenStatementScriptSql, tenStatementScriptOptions));
    }

    @Benchmark
    public SqlLineage dimCustomers() {
        return parser.parse(dimCustomersSql, dimCustomersOptions);
    }

    @Benchmark
    public SqlLineage cteHeavyModel() {
        return parser.parse(cteHeavyModelSql, cteHeavyModelOptions);
    }

    @Benchmark
    public SqlLineage tenStatementScript() {
        return parser.parse(tenStatementScriptSql, tenStatementScriptOptions);
    }

    private static ParseOptions options(Map<String, List<String>> schemas) {
        return ParseOptions.of("insights", "default").withSchemas(SchemaProvider.of(schemas));
    }

    /** A benchmark must never measure a failing parse: refuse to run when the answer has an error or no columns. */
    private static void check(String name, SqlLineage lineage) {
        lineage.error().ifPresent(error -> {
            throw new IllegalStateException(name + ": the parse failed: " + error);
        });
        if (lineage.columnLineage().isEmpty()) {
            throw new IllegalStateException(
                    name + ": the parse has no column lineage; diagnostics: " + lineage.diagnostics());
        }
        System.out.printf(
                "setup check %s: %d inputs, %d outputs, %d column edges, %d warnings %s%n",
                name,
                lineage.inputs().size(),
                lineage.outputs().size(),
                lineage.columnLineage().size(),
                lineage.warnings().size(),
                lineage.warnings());
    }

    private static String load(String name) {
        String resource = "/bench/" + name;
        try (InputStream input = SqlLineageBenchmark.class.getResourceAsStream(resource)) {
            if (input == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + resource, exception);
        }
    }
}
