package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/** One column-lineage edge: {@code input} reaches {@code output} by {@code transformation}. */
public record ColumnLineage(ColumnRef output, ColumnRef input, Transformation transformation) {
    /** Output, then input, then transformation (DIRECT first). */
    public static final Comparator<ColumnLineage> ORDER = Comparator.comparing(ColumnLineage::output)
            .thenComparing(ColumnLineage::input)
            .thenComparing(edge -> edge.transformation().type())
            .thenComparing(edge -> edge.transformation().subtype());

    public ColumnLineage {
        requireNonNull(output, "output is null");
        requireNonNull(input, "input is null");
        requireNonNull(transformation, "transformation is null");
    }

    public boolean isDirect() {
        return transformation.isDirect();
    }
}
