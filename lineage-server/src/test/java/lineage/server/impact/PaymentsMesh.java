package lineage.server.impact;

import static lineage.server.testing.TestEdges.read;
import static lineage.server.testing.TestEdges.write;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import lineage.server.config.DomainConfig;
import lineage.server.domain.Domains;
import lineage.server.graph.LineageGraph;
import lineage.server.graph.SkippedNodes;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;

/**
 * A small mesh downstream of {@code paymentsdb.public.payments}, in memory: its graph, column lineage and SQL, and the
 * analyses over them. The {@code insights} catalog is owned by {@code analytics-team}; the others have no owner.
 *
 * <pre>
 * payments ─ stg_payments (a view: id, customer_id, amount / 100 AS amount) ─ customer_payments (sum(amount) AS total)
 *          │                                                                  └ revenue (a query: sum(total))
 *          ├ payment_methods (id, method)
 *          ├ payments_copy (a job without SQL)
 *          └ payments_report (a query: method, count(*))
 * </pre>
 */
final class PaymentsMesh {
    static final String TRINO = "trino://localhost:8085";
    static final Instant SEEN = Instant.parse("2026-11-23T10:00:00Z");

    static final NodeId PAYMENTS = dataset("paymentsdb.public.payments");
    static final NodeId STG_JOB = job("model.stg_payments");
    static final NodeId STG = dataset("insights.default.stg_payments");
    static final NodeId CUSTOMER_JOB = job("model.customer_payments");
    static final NodeId CUSTOMER = dataset("insights.default.customer_payments");
    static final NodeId REVENUE = job("select.revenue");
    static final NodeId METHODS_JOB = job("model.payment_methods");
    static final NodeId METHODS = dataset("insights.default.payment_methods");
    static final NodeId COPY_JOB = job("export.payments_copy");
    static final NodeId COPY = dataset("exports.default.payments_copy");
    static final NodeId REPORT = job("select.payments_report");

    static final String STG_SQL =
            """
            CREATE OR REPLACE VIEW insights.default.stg_payments AS
            SELECT id, customer_id,
                amount / 100 AS amount
            FROM paymentsdb.public.payments""";
    static final String CUSTOMER_SQL =
            """
            INSERT INTO insights.default.customer_payments (customer_id, total)
            SELECT customer_id,
                sum(amount) AS total
            FROM insights.default.stg_payments
            GROUP BY customer_id""";

    final LineageGraph graph = new LineageGraph();
    final TestingImpactGraphs graphs = new TestingImpactGraphs(graph);
    final TestingColumnEdges columns = new TestingColumnEdges();
    final TestingJobSql sql = new TestingJobSql();
    final SimpleMeterRegistry skipped = new SimpleMeterRegistry();
    final Domains domains = new Domains(List.of(new DomainConfig(
            "insights",
            Optional.of("analytics-team"),
            Optional.of("#analytics"),
            Optional.of(List.of("insights")),
            Optional.empty(),
            Optional.empty())));

    PaymentsMesh() {
        job(STG_JOB, List.of(PAYMENTS), List.of(STG), "trino");
        job(CUSTOMER_JOB, List.of(STG), List.of(CUSTOMER), "openlineage");
        job(REVENUE, List.of(CUSTOMER), List.of(), "openlineage");
        job(METHODS_JOB, List.of(PAYMENTS), List.of(METHODS), "openlineage");
        job(COPY_JOB, List.of(PAYMENTS), List.of(COPY), "openlineage");
        job(REPORT, List.of(PAYMENTS), List.of(), "openlineage");
        sql.put(STG_JOB, STG_SQL);
        sql.put(CUSTOMER_JOB, CUSTOMER_SQL);
        sql.put(REVENUE, "SELECT sum(total) AS revenue FROM insights.default.customer_payments");
        sql.put(
                METHODS_JOB,
                "INSERT INTO insights.default.payment_methods (id, method)\nSELECT id, method FROM paymentsdb.public.payments");
        sql.put(REPORT, "SELECT method, count(*) AS n FROM paymentsdb.public.payments GROUP BY method");
        for (String column : List.of("id", "customer_id", "amount")) {
            columnEdge(PAYMENTS, column, STG_JOB, STG, column);
        }
        columnEdge(STG, "customer_id", CUSTOMER_JOB, CUSTOMER, "customer_id");
        columnEdge(STG, "amount", CUSTOMER_JOB, CUSTOMER, "total");
        columnEdge(PAYMENTS, "id", METHODS_JOB, METHODS, "id");
        columnEdge(PAYMENTS, "method", METHODS_JOB, METHODS, "method");
    }

    ImpactAnalysis impactAnalysis() {
        return impactAnalysis(domains);
    }

    /** The analysis with other domain rules (a test's), counting skipped nodes in {@link #skipped}. */
    ImpactAnalysis impactAnalysis(Domains rules) {
        return new ImpactAnalysis(graphs, columns, rules, new SkippedNodes(skipped));
    }

    SchemaChangeAnalysis schemaChangeAnalysis() {
        return new SchemaChangeAnalysis(graph, graphs, sql, impactAnalysis(), domains);
    }

    /** The job reads {@code inputs} and writes {@code outputs}, as last seen at {@link #SEEN}. */
    void job(NodeId job, List<NodeId> inputs, List<NodeId> outputs, String source) {
        List<EdgeChange> changes = new ArrayList<>();
        inputs.forEach(input -> changes.add(read(job, input, SEEN, source)));
        outputs.forEach(output -> changes.add(write(job, output, SEEN, source)));
        graph.apply(changes);
    }

    /** A DIRECT column edge written by the job, last seen at {@link #SEEN}. */
    void columnEdge(NodeId input, String inputField, NodeId job, NodeId output, String outputField) {
        columns.addEdge(input, inputField, output, outputField, Optional.of(job), "DIRECT", SEEN);
    }

    /** The verdict on the node; fails when it has none. */
    static SchemaChangeAnalysis.Assessment assessment(SchemaChangeAnalysis.Report report, NodeId node) {
        return report.assessments().stream()
                .filter(assessment -> assessment.node().equals(node))
                .findFirst()
                .orElseThrow(() -> new AssertionError(node + " has no verdict in " + report.assessments()));
    }

    /** The verdict on the node and why, as {@code VERDICT: reason}; fails when it has none. */
    static String verdict(SchemaChangeAnalysis.Report report, NodeId node) {
        SchemaChangeAnalysis.Assessment assessment = assessment(report, node);
        return assessment.verdict() + ": " + assessment.reason();
    }

    static NodeId dataset(String name) {
        return NodeId.dataset(TRINO, name);
    }

    static NodeId job(String name) {
        return NodeId.job(TRINO, name);
    }

    static NodeId field(NodeId dataset, String field) {
        return NodeId.field(dataset.namespace(), dataset.name(), field);
    }
}
