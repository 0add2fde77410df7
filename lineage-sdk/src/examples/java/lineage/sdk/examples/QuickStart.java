package lineage.sdk.examples;

import java.time.Duration;
import lineage.sdk.DatasetNames;
import lineage.sdk.DatasetNames.DatasetName;
import lineage.sdk.EmitterCounters;
import lineage.sdk.Field;
import lineage.sdk.Job;
import lineage.sdk.JobRun;
import lineage.sdk.LineageEmitter;
import lineage.sdk.sql.SqlContext;

/**
 * A nightly job of the jaffle-shop data mesh reporting its lineage to the locally started service
 * ({@code bin/lineage-server}, port 5000; {@code OPENLINEAGE_URL} points elsewhere). Run it with
 * {@code lineage-sdk/run-example.sh}, then look at the lineage it left:
 *
 * <pre>
 * curl 'localhost:5000/api/v1/lineage?nodeId=dataset:trino://localhost:8080:insights.default.dim_customers'
 * </pre>
 */
public final class QuickStart {
    private static final DatasetName CUSTOMERS =
            DatasetNames.trinoTable("localhost", 8080, "customersdb", "public", "customers");
    private static final DatasetName EXPORT = DatasetNames.postgresTable("localhost", 5432, "crm", "public", "segments");

    private QuickStart() {}

    public static void main(String[] arguments) throws Exception {
        // Code first; the environment (OPENLINEAGE_URL, OPENLINEAGE_API_KEY, …) overrides when set.
        try (LineageEmitter emitter = LineageEmitter.builder()
                .url("http://localhost:5000")
                .namespace("jaffle_nightly")
                .sqlContext(SqlContext.trino("localhost", 8080, "insights", "default"))
                .environment(System.getenv())
                .build()) {
            // 1. A run around a body: START, then COMPLETE (or FAIL with the error, rethrown).
            emitter.run(Job.named("nightly").ownedBy("analytics-team").ofType("DAG"), nightly -> {
                buildDimCustomers(nightly);
                exportSegments(nightly);
            });

            // 2. A failing job: the error is reported, and the job still sees its own exception.
            try {
                emitter.run("nightly.cleanup", run -> {
                    throw new IllegalStateException("staging area is locked");
                });
            } catch (IllegalStateException expected) {
                System.out.println("cleanup failed as planned: " + expected.getMessage());
            }

            boolean delivered = emitter.flush(Duration.ofSeconds(10));
            EmitterCounters counters = emitter.counters();
            System.out.println((delivered ? "delivered: " : "not delivered yet (is the server up?): ") + counters);
        }
    }

    /** A step whose lineage comes from its SQL: inputs, output and column lineage, through sql-parser. */
    private static void buildDimCustomers(JobRun nightly) {
        try (JobRun step = nightly.startChild(Job.named("nightly.dim_customers").ofType("TASK"))) {
            step.sql(
                    """
                    CREATE TABLE dim_customers AS
                    SELECT c.id AS customer_id, c.first_name, c.last_name,
                           count(o.id) AS number_of_orders, min(o.order_date) AS first_order
                    FROM customersdb.public.customers c
                    LEFT JOIN ordersdb.public.orders o ON o.user_id = c.id
                    GROUP BY c.id, c.first_name, c.last_name
                    """);
            step.complete();
        }
    }

    /** A step that declares its datasets by hand, with their schemas. */
    private static void exportSegments(JobRun nightly) {
        try (JobRun step = nightly.startChild("nightly.export_segments")) {
            step.input(CUSTOMERS, Field.of("id", "integer"), Field.of("first_name", "varchar"));
            step.output(EXPORT, Field.of("customer_id", "integer"), Field.of("segment", "text"));
            // ... the export itself ...
            step.complete();
        }
    }
}
