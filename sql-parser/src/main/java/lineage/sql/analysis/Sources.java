package lineage.sql.analysis;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import lineage.sql.ColumnRef;
import lineage.sql.Transformation.Subtype;

/**
 * The base-table columns an expression or output column depends on. Direct sources carry how the value is changed
 * (IDENTITY, TRANSFORMATION, AGGREGATION: the strongest wins); indirect ones carry every reason they matter.
 */
final class Sources {
    private final Map<ColumnRef, Subtype> direct = new TreeMap<>();
    private final Map<ColumnRef, Set<Subtype>> indirect = new TreeMap<>();

    static Sources empty() {
        return new Sources();
    }

    void addDirect(ColumnRef column, Subtype subtype) {
        direct.merge(column, subtype, (left, right) -> left.compareTo(right) >= 0 ? left : right);
    }

    /** Adds every direct source of {@code other}, each changed at least as much as {@code through}. */
    void addDirect(Sources other, Subtype through) {
        other.direct.forEach((column, subtype) -> addDirect(column, strongest(subtype, through)));
    }

    void addIndirect(ColumnRef column, Subtype subtype) {
        indirect.computeIfAbsent(column, key -> EnumSet.noneOf(Subtype.class)).add(subtype);
    }

    /** Adds every source of {@code other}, direct or not, as indirect with the given reason. */
    void addAllAsIndirect(Sources other, Subtype reason) {
        other.direct.keySet().forEach(column -> addIndirect(column, reason));
        other.indirect.keySet().forEach(column -> addIndirect(column, reason));
    }

    void addIndirect(Sources other) {
        other.indirect.forEach((column, subtypes) -> subtypes.forEach(subtype -> addIndirect(column, subtype)));
    }

    Map<ColumnRef, Subtype> direct() {
        return Collections.unmodifiableMap(direct);
    }

    Map<ColumnRef, Set<Subtype>> indirect() {
        return Collections.unmodifiableMap(indirect);
    }

    static Subtype strongest(Subtype left, Subtype right) {
        return left.compareTo(right) >= 0 ? left : right;
    }
}
