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

/** Gathers the lineage of a script, statement by statement. Not thread-safe: one per parse call. */
final class LineageCollector {
    private final Set<TableRef> inputs = new TreeSet<>();
    private final Set<TableRef> outputs = new TreeSet<>();
    private final Set<ColumnLineage> edges = new TreeSet<>(ColumnLineage.ORDER);
    private final Set<Diagnostic> diagnostics = new LinkedHashSet<>();

    void input(TableRef table) {
        inputs.add(table);
    }

    void output(TableRef table) {
        outputs.add(table);
    }

    void edge(ColumnRef output, ColumnRef input, Transformation.Subtype subtype) {
        edges.add(new ColumnLineage(output, input, Transformation.of(subtype)));
    }

    void diagnostic(Diagnostic diagnostic) {
        diagnostics.add(diagnostic);
    }

    boolean hasError() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }

    /** A statement's lineage is dropped when the statement turns out invalid: none is better than a wrong one. */
    Mark mark() {
        return new Mark(new TreeSet<>(inputs), new TreeSet<>(outputs), new ArrayList<>(edges));
    }

    void reset(Mark mark) {
        inputs.retainAll(mark.inputs());
        outputs.retainAll(mark.outputs());
        edges.retainAll(mark.edges());
    }

    record Mark(Set<TableRef> inputs, Set<TableRef> outputs, List<ColumnLineage> edges) {}

    SqlLineage result() {
        return new SqlLineage(List.copyOf(inputs), List.copyOf(outputs), List.copyOf(edges), List.copyOf(diagnostics));
    }
}
