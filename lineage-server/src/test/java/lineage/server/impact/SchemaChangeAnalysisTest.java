package lineage.server.impact;

import static lineage.server.impact.PaymentsMesh.COPY;
import static lineage.server.impact.PaymentsMesh.COPY_JOB;
import static lineage.server.impact.PaymentsMesh.CUSTOMER;
import static lineage.server.impact.PaymentsMesh.CUSTOMER_JOB;
import static lineage.server.impact.PaymentsMesh.METHODS;
import static lineage.server.impact.PaymentsMesh.METHODS_JOB;
import static lineage.server.impact.PaymentsMesh.PAYMENTS;
import static lineage.server.impact.PaymentsMesh.REPORT;
import static lineage.server.impact.PaymentsMesh.REVENUE;
import static lineage.server.impact.PaymentsMesh.SEEN;
import static lineage.server.impact.PaymentsMesh.STG;
import static lineage.server.impact.PaymentsMesh.STG_JOB;
import static lineage.server.impact.PaymentsMesh.assessment;
import static lineage.server.impact.PaymentsMesh.field;
import static lineage.server.impact.PaymentsMesh.verdict;
import static lineage.server.testing.TestEdges.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.impact.SchemaChangeAnalysis.Assessment;
import lineage.server.impact.SchemaChangeAnalysis.Report;
import lineage.server.impact.SchemaChangeAnalysis.Verdict;
import lineage.server.model.NodeId;
import lineage.sql.SchemaChange.Kind;
import org.junit.jupiter.api.Test;

/**
 * The verdicts on a column change ({@link SchemaChangeAnalysisTableTest} has table changes, edits and warnings), over
 * {@link PaymentsMesh} held in memory; the jobs' SQL is re-read by the real SQL parser.
 */
class SchemaChangeAnalysisTest {
    private static final int ANY_DEPTH = 20;
    private static final int ANY_SIZE = 1_000;

    private final PaymentsMesh mesh = new PaymentsMesh();

    @Test
    void aJobWhoseSqlUsesTheColumnBreaksAtTheLineThatUsesIt() {
        assertThat(assessmentOf(dropColumn("amount"), STG_JOB))
                .extracting(Assessment::verdict, Assessment::reason, Assessment::line, Assessment::edit)
                .containsExactly(
                        Verdict.BREAKING,
                        "its SQL uses paymentsdb.public.payments.amount",
                        Optional.of(new SqlLine(3, "amount / 100 AS amount")),
                        Optional.empty());
    }

    @Test
    void aViewWhoseDefinitionUsesTheColumnBreaksAtTheSameLine() {
        assertThat(assessmentOf(dropColumn("amount"), STG))
                .extracting(Assessment::verdict, Assessment::reason, Assessment::line)
                .containsExactly(
                        Verdict.BREAKING,
                        "the view's definition uses paymentsdb.public.payments.amount",
                        Optional.of(new SqlLine(3, "amount / 100 AS amount")));
    }

    @Test
    void aJobThatReadsTheTableButNotTheColumnIsSafeAndSoIsWhatItWrites() {
        Report report = assess(dropColumn("amount"));

        assertThat(verdict(report, METHODS_JOB)).isEqualTo("SAFE: reads paymentsdb.public.payments but not amount");
        assertThat(verdict(report, METHODS))
                .isEqualTo(
                        "SAFE: downstream of paymentsdb.public.payments, but nothing it holds derives from the change");
    }

    @Test
    void aJobWhoseSqlUsesADerivedColumnIsAffected() {
        Assessment customer = assessmentOf(dropColumn("amount"), CUSTOMER_JOB);

        assertThat(customer.verdict() + ": " + customer.reason())
                .isEqualTo(
                        "AFFECTED: its SQL uses insights.default.stg_payments.amount, which derives from the changed column");
        assertThat(customer.line()).contains(new SqlLine(3, "sum(amount) AS total"));
    }

    @Test
    void aDatasetWithColumnsDerivedFromTheColumnIsAffectedWithTheirLineageAsEvidence() {
        Assessment customer = assessmentOf(dropColumn("amount"), CUSTOMER);

        assertThat(customer)
                .extracting(Assessment::verdict, Assessment::reason)
                .containsExactly(Verdict.AFFECTED, "its columns total derive from the changed column");
        assertThat(customer.path())
                .containsExactly(
                        field(PAYMENTS, "amount"),
                        STG_JOB,
                        field(STG, "amount"),
                        CUSTOMER_JOB,
                        field(CUSTOMER, "total"));
    }

    @Test
    void aQueryThatWritesNothingIsAConsumerInTheDomainOfWhatItReads() {
        Report report = assess(dropColumn("amount"));

        assertThat(assessment(report, REVENUE))
                .extracting(Assessment::verdict, Assessment::consumer, assessment -> assessment
                        .domain()
                        .name())
                .containsExactly(Verdict.AFFECTED, true, "insights");
        assertThat(assessment(report, REPORT))
                .extracting(Assessment::verdict, Assessment::consumer, Assessment::domain)
                .containsExactly(Verdict.SAFE, true, Domain.unowned("paymentsdb"));
    }

    @Test
    void aReaderWithoutSqlIsAffectedForItCannotBeToldSafe() {
        Report report = assess(dropColumn("amount"));

        assertThat(verdict(report, COPY_JOB))
                .isEqualTo(
                        "AFFECTED: reads paymentsdb.public.payments; no parsable SQL or column lineage tells whether it uses"
                                + " amount");
        assertThat(verdict(report, COPY))
                .isEqualTo(
                        "AFFECTED: written by export.payments_copy, which reads paymentsdb.public.payments; no parsable SQL or"
                                + " column lineage tells whether it uses amount");
    }

    @Test
    void unparsableSqlCountsAsNoSql() {
        mesh.sql.put(COPY_JOB, "COPY payments TO 's3://exports/' (((");

        assertThat(assessmentOf(dropColumn("amount"), COPY_JOB).verdict()).isEqualTo(Verdict.AFFECTED);
    }

    @Test
    void aReaderWithoutSqlWhoseColumnLineageReadsTheColumnBreaks() {
        mesh.columnEdge(PAYMENTS, "amount", COPY_JOB, COPY, "amount");

        Assessment copy = assessmentOf(dropColumn("amount"), COPY_JOB);

        assertThat(copy)
                .extracting(Assessment::verdict, Assessment::reason)
                .containsExactly(Verdict.BREAKING, "its column lineage reads paymentsdb.public.payments.amount");
        assertThat(copy.path()).containsExactly(field(PAYMENTS, "amount"), COPY_JOB);
    }

    @Test
    void aFurtherJobWithoutSqlIsAffectedWhenItReadsDerivedColumns() {
        NodeId archive = PaymentsMesh.job("export.customer_archive");
        NodeId ids = PaymentsMesh.job("export.method_ids");
        mesh.job(archive, List.of(CUSTOMER), List.of(PaymentsMesh.dataset("exports.default.archive")), "openlineage");
        mesh.job(ids, List.of(METHODS), List.of(PaymentsMesh.dataset("exports.default.ids")), "openlineage");

        Report report = assess(dropColumn("amount"));

        assertThat(verdict(report, archive))
                .isEqualTo(
                        "AFFECTED: reads a dataset with columns derived from the change; no parsable SQL tells which it uses");
        assertThat(verdict(report, ids)).isEqualTo("SAFE: reads no column derived from the change");
    }

    @Test
    void aFurtherJobWithoutSqlWhoseColumnLineageReadsADerivedColumnIsAffected() {
        NodeId archive = PaymentsMesh.job("export.customer_archive");
        NodeId archived = PaymentsMesh.dataset("exports.default.archive");
        mesh.job(archive, List.of(CUSTOMER), List.of(archived), "openlineage");
        mesh.columnEdge(CUSTOMER, "total", archive, archived, "total");

        assertThat(verdictOf(dropColumn("amount"), archive))
                .isEqualTo(
                        "AFFECTED: its column lineage reads a column derived from paymentsdb.public.payments.amount");
    }

    @Test
    void aFurtherJobWithSqlThatUsesNoDerivedColumnIsSafe() {
        NodeId ids = PaymentsMesh.job("model.customer_ids");
        mesh.job(ids, List.of(STG), List.of(PaymentsMesh.dataset("insights.default.customer_ids")), "openlineage");
        mesh.sql.put(
                ids,
                "INSERT INTO insights.default.customer_ids (customer_id)\nSELECT customer_id FROM"
                        + " insights.default.stg_payments");

        assertThat(verdictOf(dropColumn("amount"), ids))
                .isEqualTo("SAFE: uses no column derived from paymentsdb.public.payments.amount");
    }

    @Test
    void eachObjectKeepsItsWorstVerdictOverSeveralChanges() {
        Report report = assess(dropColumn("method"), dropColumn("amount"));

        assertThat(assessment(report, METHODS_JOB).verdict()).as("uses method").isEqualTo(Verdict.BREAKING);
        assertThat(assessment(report, STG_JOB).verdict()).as("uses amount").isEqualTo(Verdict.BREAKING);
        assertThat(report.assessments()).extracting(Assessment::node).doesNotHaveDuplicates();
    }

    @Test
    void verdictsAreOrderedMostSevereThenNearestThenByName() {
        Report report = assess(dropColumn("amount"));

        assertThat(report.assessments())
                .extracting(Assessment::verdict, Assessment::node)
                .containsExactly(
                        tuple(Verdict.BREAKING, STG),
                        tuple(Verdict.BREAKING, STG_JOB),
                        tuple(Verdict.AFFECTED, COPY),
                        tuple(Verdict.AFFECTED, COPY_JOB),
                        tuple(Verdict.AFFECTED, CUSTOMER),
                        tuple(Verdict.AFFECTED, CUSTOMER_JOB),
                        tuple(Verdict.AFFECTED, REVENUE),
                        tuple(Verdict.SAFE, METHODS),
                        tuple(Verdict.SAFE, METHODS_JOB),
                        tuple(Verdict.SAFE, REPORT));
        assertThat(report.warnings()).isEmpty();
    }

    @Test
    void onlyObjectsWithinTheDepthAreAssessed() {
        Report report = mesh.schemaChangeAnalysis().assess(List.of(dropColumn("amount")), 1, ANY_SIZE);

        assertThat(report.assessments())
                .extracting(Assessment::node)
                .doesNotContain(CUSTOMER_JOB, CUSTOMER, REVENUE)
                .contains(STG_JOB, STG);
    }

    @Test
    void staleEdgesLeadToNoVerdict() {
        mesh.graph.apply(List.of(read(STG_JOB, PAYMENTS, SEEN.plusSeconds(60), "trino")));
        mesh.graphs.staleBefore(SEEN.plusSeconds(60));

        assertThat(assess(dropColumn("amount")).assessments())
                .extracting(Assessment::node)
                .containsExactly(STG_JOB);
    }

    private Report assess(SchemaChange... changes) {
        return mesh.schemaChangeAnalysis().assess(List.of(changes), ANY_DEPTH, ANY_SIZE);
    }

    private Assessment assessmentOf(SchemaChange change, NodeId node) {
        return assessment(assess(change), node);
    }

    private String verdictOf(SchemaChange change, NodeId node) {
        return verdict(assess(change), node);
    }

    private static SchemaChange dropColumn(String column) {
        return new SchemaChange(Kind.DROP_COLUMN, PAYMENTS, Optional.of(column), Optional.empty(), Optional.empty());
    }
}
