package lineage.server.impact;

import static lineage.server.impact.PaymentsMesh.COPY;
import static lineage.server.impact.PaymentsMesh.COPY_JOB;
import static lineage.server.impact.PaymentsMesh.CUSTOMER;
import static lineage.server.impact.PaymentsMesh.CUSTOMER_JOB;
import static lineage.server.impact.PaymentsMesh.METHODS;
import static lineage.server.impact.PaymentsMesh.METHODS_JOB;
import static lineage.server.impact.PaymentsMesh.PAYMENTS;
import static lineage.server.impact.PaymentsMesh.REPORT;
import static lineage.server.impact.PaymentsMesh.STG;
import static lineage.server.impact.PaymentsMesh.STG_JOB;
import static lineage.server.impact.PaymentsMesh.TRINO;
import static lineage.server.impact.PaymentsMesh.assessment;
import static lineage.server.impact.PaymentsMesh.verdict;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import lineage.server.impact.SchemaChangeAnalysis.Assessment;
import lineage.server.impact.SchemaChangeAnalysis.Report;
import lineage.server.impact.SchemaChangeAnalysis.Verdict;
import lineage.server.model.NodeId;
import lineage.sql.SchemaChange.Kind;
import lineage.sql.SchemaChanges;
import org.junit.jupiter.api.Test;

/** Table changes, what to edit for renames and type changes, and the warnings of a schema-change assessment. */
class SchemaChangeAnalysisTableTest {
    private static final int ANY_DEPTH = 20;
    private static final int ANY_SIZE = 1_000;
    private static final SqlLine STG_FROM = new SqlLine(4, "FROM paymentsdb.public.payments");
    private static final SqlLine STG_AMOUNT = new SqlLine(3, "amount / 100 AS amount");

    private final PaymentsMesh mesh = new PaymentsMesh();

    @Test
    void droppingATableBreaksEveryJobThatReadsItAtTheLineNamingIt() {
        Report report = assess(table(Kind.DROP_TABLE, Optional.empty()));

        Assessment stg = assessment(report, STG_JOB);
        assertThat(stg.verdict()).isEqualTo(Verdict.BREAKING);
        assertThat(stg.reason()).isEqualTo("reads paymentsdb.public.payments, which is dropped");
        assertThat(stg.line()).contains(STG_FROM);
        assertThat(stg.edit()).isEmpty();
        assertThat(assessment(report, METHODS_JOB).line())
                .contains(new SqlLine(2, "SELECT id, method FROM paymentsdb.public.payments"));
        assertThat(List.of(assessment(report, COPY_JOB), assessment(report, REPORT)))
                .extracting(Assessment::verdict)
                .containsOnly(Verdict.BREAKING);
        assertThat(assessment(report, STG).reason())
                .isEqualTo("the view's definition reads paymentsdb.public.payments, which is dropped");
    }

    @Test
    void droppingATableAffectsWhatDependsOnItThroughOthers() {
        Report report = assess(table(Kind.DROP_TABLE, Optional.empty()));

        assertThat(verdict(report, CUSTOMER_JOB))
                .isEqualTo("AFFECTED: depends on paymentsdb.public.payments through insights.default.stg_payments");
        assertThat(assessment(report, CUSTOMER).reason())
                .isEqualTo("written by model.customer_payments, which depends on paymentsdb.public.payments through"
                        + " insights.default.stg_payments");
        assertThat(verdict(report, METHODS))
                .isEqualTo(
                        "AFFECTED: written by model.payment_methods, which reads paymentsdb.public.payments, which is dropped");
        assertThat(report.assessments()).extracting(Assessment::verdict).doesNotContain(Verdict.SAFE);
    }

    @Test
    void renamingATableSaysWhatToReplaceWhere() {
        Report report = assess(table(Kind.RENAME_TABLE, Optional.of("paymentsdb.public.payment_events")));

        Assessment stg = assessment(report, STG_JOB);
        assertThat(stg.reason())
                .isEqualTo("reads paymentsdb.public.payments, which is renamed to paymentsdb.public.payment_events");
        assertThat(stg.edit())
                .contains("replace paymentsdb.public.payments with paymentsdb.public.payment_events in line 4 (FROM"
                        + " paymentsdb.public.payments)");
        assertThat(assessment(report, COPY_JOB).edit())
                .as("a job without SQL")
                .contains("replace paymentsdb.public.payments with paymentsdb.public.payment_events in its SQL");
    }

    @Test
    void renamingAColumnSaysWhatToRenameWhereAndAViewSaysTheSame() {
        Report report = assess(new SchemaChange(
                Kind.RENAME_COLUMN, PAYMENTS, Optional.of("amount"), Optional.of("amount_cents"), Optional.empty()));

        String edit = "rename amount to amount_cents in line 3 (amount / 100 AS amount)";
        assertThat(assessment(report, STG_JOB).edit()).contains(edit);
        assertThat(assessment(report, STG).edit()).contains(edit);
        assertThat(assessment(report, STG).line()).contains(STG_AMOUNT);
    }

    @Test
    void changingAColumnsTypeSaysWhichLineToCheck() {
        Report report = assess(new SchemaChange(
                Kind.CHANGE_COLUMN_TYPE,
                PAYMENTS,
                Optional.of("amount"),
                Optional.empty(),
                Optional.of("decimal(14, 2)")));

        assertThat(assessment(report, STG_JOB).verdict()).isEqualTo(Verdict.BREAKING);
        assertThat(assessment(report, STG_JOB).edit())
                .contains("check line 3 (amount / 100 AS amount): amount becomes decimal(14, 2)");
    }

    @Test
    void aTableTheGraphDoesNotKnowIsAWarningNotAVerdict() {
        NodeId refunds = PaymentsMesh.dataset("paymentsdb.public.refunds");

        Report report = assess(
                new SchemaChange(Kind.DROP_TABLE, refunds, Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(report.assessments()).isEmpty();
        assertThat(report.warnings()).containsExactly("nothing is known to read paymentsdb.public.refunds in " + TRINO);
    }

    @Test
    void aTableNothingReadsIsAWarning() {
        Report report =
                assess(new SchemaChange(Kind.DROP_TABLE, COPY, Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(report.assessments()).isEmpty();
        assertThat(report.warnings())
                .containsExactly("nothing is known to read exports.default.payments_copy in " + TRINO);
    }

    @Test
    void aWalkCutAtTheNodeLimitIsAWarning() {
        Report report =
                mesh.schemaChangeAnalysis().assess(List.of(table(Kind.DROP_TABLE, Optional.empty())), ANY_DEPTH, 3);

        assertThat(report.warnings())
                .containsExactly("the walk downstream of paymentsdb.public.payments was cut at 3 nodes");
        assertThat(report.assessments()).hasSize(3);
    }

    @Test
    void aMigrationIsAssessedChangeByChangeWithTheWarningsOfEach() {
        List<SchemaChange> changes = SchemaChanges.parse(
                        """
                        ALTER TABLE paymentsdb.public.refunds DROP COLUMN amount;
                        ALTER TABLE paymentsdb.public.payments DROP COLUMN amount;
                        """)
                .changes()
                .stream()
                .map(change -> SchemaChange.of(change, TRINO))
                .toList();

        Report report = mesh.schemaChangeAnalysis().assess(changes, ANY_DEPTH, ANY_SIZE);

        assertThat(report.changes()).isEqualTo(changes);
        assertThat(report.warnings()).containsExactly("nothing is known to read paymentsdb.public.refunds in " + TRINO);
        assertThat(assessment(report, STG_JOB).verdict()).isEqualTo(Verdict.BREAKING);
    }

    private Report assess(SchemaChange change) {
        return mesh.schemaChangeAnalysis().assess(List.of(change), ANY_DEPTH, ANY_SIZE);
    }

    private static SchemaChange table(Kind kind, Optional<String> newName) {
        return new SchemaChange(kind, PAYMENTS, Optional.empty(), newName, Optional.empty());
    }
}
