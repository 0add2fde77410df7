package lineage.server.impact;

import java.util.List;
import java.util.Optional;
import lineage.server.impact.SchemaChangeAnalysis.Assessment;
import lineage.server.impact.SchemaChangeAnalysis.Verdict;
import lineage.server.model.NodeId;
import lineage.sql.SchemaChange.Kind;

/**
 * The verdict on one job downstream of a schema change. A job that reads the changed table is BREAKING when its SQL,
 * re-parsed, names the changed table or uses the changed column (the evidence is the line, with the edit to make
 * there), or else when its column lineage reads that column. A job is AFFECTED when it uses a column derived from
 * the changed one, or depends on a changed table through others; SAFE when it uses nothing of the change.
 */
final class JobAssessment {
    private final ChangeReach reach;
    private final Subject job;
    private final List<NodeId> inputs;
    private final Optional<SqlReferences> references;

    /** {@code references} is what the job's stored SQL reads, when it has SQL. */
    JobAssessment(ChangeReach reach, Subject job, List<NodeId> inputs, Optional<SqlReferences> references) {
        this.reach = reach;
        this.job = job;
        this.inputs = List.copyOf(inputs);
        this.references = references;
    }

    Assessment assess() {
        boolean readsTable = inputs.contains(reach.change().dataset());
        if (!reach.change().kind().isColumnChange()) {
            return readsTable ? readerOfChangedTable() : dependentOfChangedTable();
        }
        String column = reach.change().column().orElseThrow();
        return readsTable ? readerOfChangedColumn(column) : dependentOfChangedColumn(column);
    }

    private Assessment readerOfChangedTable() {
        SchemaChange change = reach.change();
        Optional<SqlLine> line = references.flatMap(found -> found.lineNaming(lastPart(reach.table())));
        String what = change.kind() == Kind.DROP_TABLE
                ? "is dropped"
                : "is renamed to " + change.newName().orElseThrow();
        return job.verdict(Verdict.BREAKING, "reads " + reach.table() + ", which " + what, line, edit(line));
    }

    private Assessment dependentOfChangedTable() {
        List<NodeId> path = job.path();
        return job.verdict(
                Verdict.AFFECTED,
                "depends on " + reach.table() + " through "
                        + path.get(path.size() - 2).name());
    }

    private Assessment readerOfChangedColumn(String column) {
        String table = reach.table();
        Optional<SqlReferences> sql = references.filter(SqlReferences::parsed);
        if (sql.isPresent() && sql.get().readsColumn(table, column)) {
            Optional<SqlLine> line = sql.get().lineNaming(column);
            return job.verdict(Verdict.BREAKING, "its SQL uses " + table + "." + column, line, edit(line));
        }
        if (sql.isPresent()) {
            return usesDerived(sql.get())
                    .orElseGet(() -> job.verdict(Verdict.SAFE, "reads " + table + " but not " + column));
        }
        Optional<List<NodeId>> columnPath = reach.derived().findPath(job.node());
        if (columnPath.isPresent()) {
            return job.verdict(Verdict.BREAKING, "its column lineage reads " + table + "." + column, columnPath.get());
        }
        return job.verdict(
                Verdict.AFFECTED,
                "reads " + table + "; no parsable SQL or column lineage tells whether it uses " + column);
    }

    private Assessment dependentOfChangedColumn(String column) {
        String changed = reach.table() + "." + column;
        Optional<SqlReferences> sql = references.filter(SqlReferences::parsed);
        if (sql.isPresent()) {
            return usesDerived(sql.get())
                    .orElseGet(() -> job.verdict(Verdict.SAFE, "uses no column derived from " + changed));
        }
        Optional<List<NodeId>> columnPath = reach.derived().findPath(job.node());
        if (columnPath.isPresent()) {
            return job.verdict(
                    Verdict.AFFECTED, "its column lineage reads a column derived from " + changed, columnPath.get());
        }
        if (reach.derived().reachesAny(inputs)) {
            return job.verdict(
                    Verdict.AFFECTED,
                    "reads a dataset with columns derived from the change; no parsable SQL tells which it uses");
        }
        return job.verdict(Verdict.SAFE, "reads no column derived from the change");
    }

    /** AFFECTED, with the line, when the SQL uses a column of its inputs derived from the changed one. */
    private Optional<Assessment> usesDerived(SqlReferences sql) {
        return usedDerivedColumn(sql)
                .map(column -> job.verdict(
                        Verdict.AFFECTED,
                        "its SQL uses " + column + ", which derives from the changed column",
                        sql.lineNaming(lastPart(column)),
                        Optional.empty()));
    }

    /** The first derived column (as {@code dataset.column}) of its inputs that the SQL uses. */
    private Optional<String> usedDerivedColumn(SqlReferences sql) {
        for (NodeId input : inputs) {
            for (String column : reach.derived().columnsOf(input)) {
                if (sql.readsColumn(input.name(), column)) {
                    return Optional.of(input.name() + "." + column);
                }
            }
        }
        return Optional.empty();
    }

    /** For a rename or a type change, what to edit at the line that uses the old name. */
    private Optional<String> edit(Optional<SqlLine> line) {
        SchemaChange change = reach.change();
        String where = line.map(found -> "line " + found.number() + " (" + found.text() + ")")
                .orElse("its SQL");
        return switch (change.kind()) {
            case RENAME_COLUMN -> Optional.of("rename " + change.column().orElseThrow() + " to "
                    + change.newName().orElseThrow() + " in " + where);
            case RENAME_TABLE -> Optional.of("replace " + change.dataset().name() + " with "
                    + change.newName().orElseThrow() + " in " + where);
            case CHANGE_COLUMN_TYPE -> Optional.of(
                    "check " + where + ": " + change.column().orElseThrow() + " becomes "
                            + change.newType().orElseThrow());
            case DROP_COLUMN, DROP_TABLE -> Optional.empty();
        };
    }

    private static String lastPart(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }
}
