package lineage.sql.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import lineage.sql.ColumnLineage;
import lineage.sql.ColumnRef;
import lineage.sql.Diagnostic;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;
import lineage.sql.Transformation;

/**
 * Gathers the lineage of a script, statement by statement. What a statement added can be rolled back when the
 * statement turns out invalid: none is better than a wrong answer. Not thread-safe: one per parse call.
 */
final class LineageCollector {
    private final Set<TableRef> inputs = new TreeSet<>();
    private final Set<TableRef> outputs = new TreeSet<>();
    private final Set<ColumnLineage> edges = new TreeSet<>(ColumnLineage.ORDER);
    private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    /** What the current statement added (and was not there before), to undo it on rollback. */
    private final List<Runnable> journal = new ArrayList<>();

    private int errors;

    void input(TableRef table) {
        if (inputs.add(table)) {
            journal.add(() -> inputs.remove(table));
        }
    }

    void output(TableRef table) {
        if (outputs.add(table)) {
            journal.add(() -> outputs.remove(table));
        }
    }

    void edge(ColumnRef output, ColumnRef input, Transformation.Subtype subtype) {
        ColumnLineage edge = new ColumnLineage(output, input, Transformation.of(subtype));
        if (edges.add(edge)) {
            journal.add(() -> edges.remove(edge));
        }
    }

    /** Diagnostics stay: an error must survive the rollback of its statement. */
    void diagnostic(Diagnostic diagnostic) {
        if (diagnostics.add(diagnostic) && diagnostic.isError()) {
            errors++;
        }
    }

    int errorCount() {
        return errors;
    }

    /** Starts a statement: later {@link #rollback()} undoes what it adds. */
    void begin() {
        journal.clear();
    }

    void rollback() {
        for (int index = journal.size() - 1; index >= 0; index--) {
            journal.get(index).run();
        }
        journal.clear();
    }

    SqlLineage result() {
        return new SqlLineage(List.copyOf(inputs), List.copyOf(outputs), List.copyOf(edges), List.copyOf(diagnostics));
    }
}
