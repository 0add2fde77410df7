package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The lineage of a statement or script.
 *
 * <p>{@code inputs} and {@code outputs} are sorted; {@code columnLineage} is sorted by {@link ColumnLineage#ORDER} and
 * holds DIRECT and INDIRECT edges apart by their {@link Transformation}. When {@link #error()} is present the SQL was
 * invalid and the lists hold only what could still be trusted (usually nothing).
 */
public record SqlLineage(
        List<TableRef> inputs,
        List<TableRef> outputs,
        List<ColumnLineage> columnLineage,
        List<Diagnostic> diagnostics) {
    public SqlLineage {
        inputs = List.copyOf(requireNonNull(inputs, "inputs is null"));
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        columnLineage = List.copyOf(requireNonNull(columnLineage, "columnLineage is null"));
        diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics is null"));
    }

    /** The first error, when the SQL was invalid or refused. */
    public Optional<Diagnostic> error() {
        return diagnostics.stream().filter(Diagnostic::isError).findFirst();
    }

    /** The warnings: the answer is usable, but these say where it is incomplete or how it was found. */
    public List<Diagnostic> warnings() {
        return diagnostics.stream().filter(diagnostic -> !diagnostic.isError()).toList();
    }

    /** The DIRECT edges only. */
    public List<ColumnLineage> directLineage() {
        return columnLineage.stream().filter(ColumnLineage::isDirect).toList();
    }

    /** The INDIRECT edges only. */
    public List<ColumnLineage> indirectLineage() {
        return columnLineage.stream().filter(edge -> !edge.isDirect()).toList();
    }
}
