package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lineage.server.domain.Domain;
import lineage.server.domain.Domains;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.sql.SchemaChange.Kind;

/**
 * What a proposed schema change breaks. Every job and dataset downstream of the changed table gets a verdict:
 *
 * <ul>
 *   <li>BREAKING: a job whose stored SQL uses the changed column (or names the changed table) directly, re-parsed to
 *       find the reference and its line; and a view whose definition does.
 *   <li>AFFECTED: depends on the change through others: a dataset one of whose columns derives from the changed column
 *       (column lineage at every depth) or that a breaking or affected job writes; a job that uses such a column.
 *   <li>SAFE: downstream of the table, but uses none of that.
 * </ul>
 *
 * Jobs that write nothing (dashboards, ad-hoc SELECTs) are listed apart, as consumers. Each verdict names the owner of
 * the object's domain and its evidence: the SQL line, or the column-lineage path.
 */
@Singleton
public class SchemaChangeAnalysis {
    public enum Verdict {
        BREAKING,
        AFFECTED,
        SAFE
    }

    /** The verdict on one job or dataset, with why. */
    public record Assessment(
            NodeId node,
            Verdict verdict,
            int distance,
            Domain domain,
            String reason,
            List<NodeId> path,
            Optional<SqlLine> line,
            Optional<String> edit,
            boolean consumer) {
        public Assessment {
            requireNonNull(node, "node is null");
            requireNonNull(verdict, "verdict is null");
            requireNonNull(domain, "domain is null");
            requireNonNull(reason, "reason is null");
            path = List.copyOf(path);
            requireNonNull(line, "line is null");
            requireNonNull(edit, "edit is null");
        }
    }

    /** The verdicts for a list of changes: the worst per object, most severe and nearest first. */
    public record Report(List<SchemaChange> changes, List<Assessment> assessments, List<String> warnings) {
        public Report {
            changes = List.copyOf(changes);
            assessments = List.copyOf(assessments);
            warnings = List.copyOf(warnings);
        }
    }

    private static final Comparator<Assessment> ORDER = Comparator.comparing(Assessment::verdict)
            .thenComparingInt(Assessment::distance)
            .thenComparing(Assessment::node);

    private final LineageGraph graph;
    private final ImpactGraphs graphs;
    private final JobSql jobSql;
    private final ImpactAnalysis impact;
    private final Domains domains;

    public SchemaChangeAnalysis(
            LineageGraph graph, ImpactGraphs graphs, JobSql jobSql, ImpactAnalysis impact, Domains domains) {
        this.graph = graph;
        this.graphs = graphs;
        this.jobSql = jobSql;
        this.impact = impact;
        this.domains = domains;
    }

    public Report assess(List<SchemaChange> changes, int depth, int maxNodes) {
        Map<NodeId, Assessment> worst = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        for (SchemaChange change : changes) {
            if (!graph.contains(change.dataset())) {
                warnings.add("nothing is known to read " + change.dataset().name() + " in "
                        + change.dataset().namespace());
                continue;
            }
            for (Assessment assessment : assess(change, depth, maxNodes, warnings)) {
                worst.merge(
                        assessment.node(),
                        assessment,
                        (earlier, later) -> later.verdict().compareTo(earlier.verdict()) < 0 ? later : earlier);
            }
        }
        List<Assessment> sorted = new ArrayList<>(worst.values());
        sorted.sort(ORDER);
        return new Report(changes, sorted, warnings);
    }

    private List<Assessment> assess(SchemaChange change, int depth, int maxNodes, List<String> warnings) {
        NodeId table = change.dataset();
        // What the current graph says, without stale edges (lineage.edges.stale-after).
        EdgeWindow window = graphs.currentWindow();
        LineageGraph.Reach reach =
                graph.reach(table, LineageGraph.Direction.DOWNSTREAM, depth, maxNodes, window.seenSince());
        if (reach.hops().size() == 1) {
            warnings.add("nothing is known to read " + table.name() + " in " + table.namespace());
        }
        if (reach.truncated()) {
            warnings.add("the walk downstream of " + table.name() + " was cut at " + maxNodes + " nodes");
        }
        Map<NodeId, Set<String>> affectedColumns = new HashMap<>();
        Map<NodeId, List<NodeId>> columnPaths = new HashMap<>();
        if (change.kind().isColumnChange()) {
            String column = change.column().orElseThrow();
            impact.columnImpact(table, column, depth, true, maxNodes, window).ifPresent(columns -> {
                for (ImpactedNode node : columns.impacted()) {
                    if (node.node().type() == NodeId.Type.DATASET_FIELD) {
                        NodeId dataset = NodeId.dataset(
                                node.node().namespace(), node.node().name());
                        affectedColumns
                                .computeIfAbsent(dataset, key -> new HashSet<>())
                                .add(node.node().field().orElseThrow());
                        columnPaths.putIfAbsent(dataset, node.path());
                    } else if (node.node().type() == NodeId.Type.JOB) {
                        columnPaths.putIfAbsent(node.node(), node.path());
                    }
                }
            });
        }
        List<NodeId> jobs = reach.hops().keySet().stream()
                .filter(node -> node.type() == NodeId.Type.JOB)
                .sorted()
                .toList();
        Map<NodeId, String> sql = jobSql.findSql(jobs);
        Map<NodeId, Assessment> assessments = new LinkedHashMap<>();
        Map<NodeId, SqlReferences> parsed = new HashMap<>();
        for (NodeId job : jobs) {
            Optional<SqlReferences> references =
                    Optional.ofNullable(sql.get(job)).map(SqlReferences::of);
            references.ifPresent(found -> parsed.put(job, found));
            assessments.put(job, assessJob(change, job, reach, references, affectedColumns, columnPaths));
        }
        reach.hops().keySet().stream()
                .filter(node -> node.type() == NodeId.Type.DATASET && !node.equals(table))
                .sorted()
                .forEach(dataset -> assessments.put(
                        dataset,
                        assessDataset(change, dataset, reach, assessments, parsed, affectedColumns, columnPaths)));
        return List.copyOf(assessments.values());
    }

    private Assessment assessJob(
            SchemaChange change,
            NodeId job,
            LineageGraph.Reach reach,
            Optional<SqlReferences> references,
            Map<NodeId, Set<String>> affectedColumns,
            Map<NodeId, List<NodeId>> columnPaths) {
        NodeId table = change.dataset();
        List<NodeId> inputs = graph.predecessors(job);
        boolean consumer = graph.successors(job).isEmpty();
        int distance = reach.hops().get(job);
        Domain domain = consumer
                ? domains.of(reach.parents().get(job))
                : domains.of(graph.successors(job).get(0));
        List<NodeId> path = reach.path(job);
        String tableName = table.name();
        if (inputs.contains(table)) {
            if (!change.kind().isColumnChange()) {
                Optional<SqlLine> line = references.flatMap(found -> found.lineNaming(lastPart(tableName)));
                return new Assessment(
                        job,
                        Verdict.BREAKING,
                        distance,
                        domain,
                        "reads " + tableName + ", which "
                                + (change.kind() == Kind.DROP_TABLE
                                        ? "is dropped"
                                        : "is renamed to " + change.newName().orElseThrow()),
                        path,
                        line,
                        edit(change, line),
                        consumer);
            }
            String column = change.column().orElseThrow();
            if (references.isPresent() && references.get().parsed()) {
                if (references.get().readsColumn(tableName, column)) {
                    Optional<SqlLine> line = references.get().lineNaming(column);
                    return new Assessment(
                            job,
                            Verdict.BREAKING,
                            distance,
                            domain,
                            "its SQL uses " + tableName + "." + column,
                            path,
                            line,
                            edit(change, line),
                            consumer);
                }
                Optional<String> usedAffected = usedAffected(references.get(), inputs, affectedColumns);
                if (usedAffected.isPresent()) {
                    return affected(job, distance, domain, path, references.get(), usedAffected.get(), consumer);
                }
                return new Assessment(
                        job,
                        Verdict.SAFE,
                        distance,
                        domain,
                        "reads " + tableName + " but not " + column,
                        path,
                        Optional.empty(),
                        Optional.empty(),
                        consumer);
            }
            if (columnPaths.containsKey(job)) {
                return new Assessment(
                        job,
                        Verdict.BREAKING,
                        distance,
                        domain,
                        "its column lineage reads " + tableName + "." + column,
                        columnPaths.get(job),
                        Optional.empty(),
                        Optional.empty(),
                        consumer);
            }
            return new Assessment(
                    job,
                    Verdict.AFFECTED,
                    distance,
                    domain,
                    "reads " + tableName + "; no parsable SQL or column lineage tells whether it uses " + column,
                    path,
                    Optional.empty(),
                    Optional.empty(),
                    consumer);
        }
        if (!change.kind().isColumnChange()) {
            return new Assessment(
                    job,
                    Verdict.AFFECTED,
                    distance,
                    domain,
                    "depends on " + tableName + " through "
                            + path.get(path.size() - 2).name(),
                    path,
                    Optional.empty(),
                    Optional.empty(),
                    consumer);
        }
        if (references.isPresent() && references.get().parsed()) {
            Optional<String> usedAffected = usedAffected(references.get(), inputs, affectedColumns);
            if (usedAffected.isPresent()) {
                return affected(job, distance, domain, path, references.get(), usedAffected.get(), consumer);
            }
            return new Assessment(
                    job,
                    Verdict.SAFE,
                    distance,
                    domain,
                    "uses no column derived from " + tableName + "."
                            + change.column().orElseThrow(),
                    path,
                    Optional.empty(),
                    Optional.empty(),
                    consumer);
        }
        if (columnPaths.containsKey(job)) {
            return new Assessment(
                    job,
                    Verdict.AFFECTED,
                    distance,
                    domain,
                    "its column lineage reads a column derived from " + tableName + "."
                            + change.column().orElseThrow(),
                    columnPaths.get(job),
                    Optional.empty(),
                    Optional.empty(),
                    consumer);
        }
        boolean readsAffected = inputs.stream().anyMatch(affectedColumns::containsKey);
        return new Assessment(
                job,
                readsAffected ? Verdict.AFFECTED : Verdict.SAFE,
                distance,
                domain,
                readsAffected
                        ? "reads a dataset with columns derived from the change; no parsable SQL tells which it uses"
                        : "reads no column derived from the change",
                path,
                Optional.empty(),
                Optional.empty(),
                consumer);
    }

    private static Assessment affected(
            NodeId job,
            int distance,
            Domain domain,
            List<NodeId> path,
            SqlReferences references,
            String column,
            boolean consumer) {
        String name = column.substring(column.lastIndexOf('.') + 1);
        return new Assessment(
                job,
                Verdict.AFFECTED,
                distance,
                domain,
                "its SQL uses " + column + ", which derives from the changed column",
                path,
                references.lineNaming(name),
                Optional.empty(),
                consumer);
    }

    /** The first affected column (as {@code dataset.column}) of its inputs that the SQL uses. */
    private static Optional<String> usedAffected(
            SqlReferences references, List<NodeId> inputs, Map<NodeId, Set<String>> affectedColumns) {
        for (NodeId input : inputs) {
            for (String column : affectedColumns.getOrDefault(input, Set.of()).stream()
                    .sorted()
                    .toList()) {
                if (references.readsColumn(input.name(), column)) {
                    return Optional.of(input.name() + "." + column);
                }
            }
        }
        return Optional.empty();
    }

    private Assessment assessDataset(
            SchemaChange change,
            NodeId dataset,
            LineageGraph.Reach reach,
            Map<NodeId, Assessment> jobs,
            Map<NodeId, SqlReferences> parsed,
            Map<NodeId, Set<String>> affectedColumns,
            Map<NodeId, List<NodeId>> columnPaths) {
        int distance = reach.hops().get(dataset);
        Domain domain = domains.of(dataset);
        List<NodeId> writers =
                graph.predecessors(dataset).stream().filter(jobs::containsKey).toList();
        for (NodeId writer : writers) {
            Assessment job = jobs.get(writer);
            SqlReferences references = parsed.get(writer);
            if (job.verdict() == Verdict.BREAKING && references != null && references.definesView()) {
                return new Assessment(
                        dataset,
                        Verdict.BREAKING,
                        distance,
                        domain,
                        "the view's definition " + job.reason().replaceFirst("^its SQL ", ""),
                        reach.path(dataset),
                        job.line(),
                        job.edit(),
                        false);
            }
        }
        Set<String> columns = affectedColumns.getOrDefault(dataset, Set.of());
        if (!columns.isEmpty()) {
            return new Assessment(
                    dataset,
                    Verdict.AFFECTED,
                    distance,
                    domain,
                    "its columns " + String.join(", ", columns.stream().sorted().toList())
                            + " derive from the changed column",
                    columnPaths.getOrDefault(dataset, reach.path(dataset)),
                    Optional.empty(),
                    Optional.empty(),
                    false);
        }
        for (NodeId writer : writers) {
            Assessment job = jobs.get(writer);
            if (job.verdict() != Verdict.SAFE) {
                return new Assessment(
                        dataset,
                        Verdict.AFFECTED,
                        distance,
                        domain,
                        "written by " + writer.name() + ", which "
                                + job.reason().replaceFirst("^its SQL ", "").replaceFirst("^reads ", "reads "),
                        reach.path(dataset),
                        Optional.empty(),
                        Optional.empty(),
                        false);
            }
        }
        return new Assessment(
                dataset,
                Verdict.SAFE,
                distance,
                domain,
                "downstream of " + change.dataset().name() + ", but nothing it holds derives from the change",
                reach.path(dataset),
                Optional.empty(),
                Optional.empty(),
                false);
    }

    /** For a rename or a type change, what to edit at the line that uses the old name. */
    private static Optional<String> edit(SchemaChange change, Optional<SqlLine> line) {
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
