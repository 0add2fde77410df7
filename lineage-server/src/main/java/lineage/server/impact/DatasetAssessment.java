package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import lineage.server.impact.SchemaChangeAnalysis.Assessment;
import lineage.server.impact.SchemaChangeAnalysis.Verdict;

/**
 * The verdict on one dataset downstream of a schema change: BREAKING for a view whose definition uses the change;
 * AFFECTED when some of its columns derive from the changed column, or a job that writes it is not SAFE; else SAFE.
 */
final class DatasetAssessment {
    /** A job that writes the dataset: its verdict, and whether its SQL defines a view. */
    record Writer(Assessment job, boolean definesView) {
        Writer {
            requireNonNull(job, "job is null");
        }
    }

    private final ChangeReach reach;
    private final Subject dataset;
    private final List<Writer> writers;

    DatasetAssessment(ChangeReach reach, Subject dataset, List<Writer> writers) {
        this.reach = reach;
        this.dataset = dataset;
        this.writers = List.copyOf(writers);
    }

    Assessment assess() {
        return brokenView()
                .or(this::derivedColumns)
                .or(this::affectedWriter)
                .orElseGet(() -> dataset.verdict(
                        Verdict.SAFE,
                        "downstream of " + reach.table() + ", but nothing it holds derives from the change"));
    }

    /** A view breaks with its definition, at the same line. */
    private Optional<Assessment> brokenView() {
        return writers.stream()
                .filter(writer -> writer.job().verdict() == Verdict.BREAKING && writer.definesView())
                .findFirst()
                .map(Writer::job)
                .map(job -> dataset.verdict(
                        Verdict.BREAKING,
                        "the view's definition " + withoutSubject(job.reason()),
                        job.line(),
                        job.edit()));
    }

    private Optional<Assessment> derivedColumns() {
        List<String> columns = reach.derived().columnsOf(dataset.node());
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(dataset.verdict(
                Verdict.AFFECTED,
                "its columns " + String.join(", ", columns) + " derive from the changed column",
                reach.derived().findPath(dataset.node()).orElse(dataset.path())));
    }

    private Optional<Assessment> affectedWriter() {
        return writers.stream()
                .map(Writer::job)
                .filter(job -> job.verdict() != Verdict.SAFE)
                .findFirst()
                .map(job -> dataset.verdict(
                        Verdict.AFFECTED,
                        "written by " + job.node().name() + ", which " + withoutSubject(job.reason())));
    }

    /** A job's reason, to follow "which": "its SQL uses x" becomes "uses x". */
    private static String withoutSubject(String reason) {
        return reason.replaceFirst("^its SQL ", "");
    }
}
