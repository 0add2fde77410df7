package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.domain.Domains;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.sql.ParseOptions;

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
 * the object's domain and its evidence: the SQL line, or the column-lineage path. This class walks downstream of each
 * change and keeps the worst verdict per object; {@link JobAssessment} and {@link DatasetAssessment} give the verdicts.
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
        return assess(changes, depth, maxNodes, Deadline.none(), ParseOptions.DEFAULT_TIME_BUDGET);
    }

    /**
     * The same, stopped with {@code WORK_TOO_LONG} when the deadline passes (checked between changes, jobs and hops);
     * each parse of a job's stored SQL gets at most {@code parseTime}.
     */
    public Report assess(List<SchemaChange> changes, int depth, int maxNodes, Deadline deadline, Duration parseTime) {
        Map<NodeId, Assessment> worst = new HashMap<>();
        List<String> warnings = new ArrayList<>();
        // A job's SQL is parsed once per request, however many changes reach it.
        Work work = new Work(deadline, parseTime, new HashMap<>());
        for (SchemaChange change : changes) {
            deadline.check();
            if (!graph.contains(change.dataset())) {
                warnings.add("nothing is known to read " + change.dataset().name() + " in "
                        + change.dataset().namespace());
                continue;
            }
            for (Assessment assessment : assess(change, depth, maxNodes, warnings, work)) {
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

    /** One request's bounds, and the SQL of the jobs it has parsed so far. */
    private record Work(Deadline deadline, Duration parseTime, Map<NodeId, SqlReferences> parsed) {
        SqlReferences parse(NodeId job, String sql) {
            SqlReferences references = parsed.get(job);
            if (references == null) {
                deadline.check();
                Duration left = deadline.remaining();
                references = SqlReferences.of(sql, left.compareTo(parseTime) < 0 ? left : parseTime);
                parsed.put(job, references);
            }
            return references;
        }
    }

    private List<Assessment> assess(SchemaChange change, int depth, int maxNodes, List<String> warnings, Work work) {
        // What the current graph says, without stale edges (lineage.edges.stale-after).
        EdgeWindow window = graphs.currentWindow();
        ChangeReach reach = new ChangeReach(
                change,
                walkDownstream(change.dataset(), depth, maxNodes, window, warnings),
                derivedColumns(change, depth, maxNodes, window, work.deadline()));
        List<NodeId> jobs = reached(reach, NodeId.Type.JOB);
        Map<NodeId, SqlReferences> sql = new HashMap<>();
        work.deadline().check();
        jobSql.findSql(jobs).forEach((job, text) -> sql.put(job, work.parse(job, text)));
        Map<NodeId, Assessment> assessments = new LinkedHashMap<>();
        for (NodeId job : jobs) {
            work.deadline().check();
            assessments.put(job, assessJob(reach, job, Optional.ofNullable(sql.get(job))));
        }
        for (NodeId dataset : reached(reach, NodeId.Type.DATASET)) {
            if (!dataset.equals(change.dataset())) {
                assessments.put(dataset, assessDataset(reach, dataset, assessments, sql));
            }
        }
        return List.copyOf(assessments.values());
    }

    private LineageGraph.Reach walkDownstream(
            NodeId table, int depth, int maxNodes, EdgeWindow window, List<String> warnings) {
        LineageGraph.Reach reach =
                graph.reach(table, LineageGraph.Direction.DOWNSTREAM, depth, maxNodes, window.seenSince());
        if (reach.hops().size() == 1) {
            warnings.add("nothing is known to read " + table.name() + " in " + table.namespace());
        }
        if (reach.truncated()) {
            warnings.add("the walk downstream of " + table.name() + " was cut at " + maxNodes + " nodes");
        }
        return reach;
    }

    private DerivedColumns derivedColumns(
            SchemaChange change, int depth, int maxNodes, EdgeWindow window, Deadline deadline) {
        if (!change.kind().isColumnChange()) {
            return DerivedColumns.NONE;
        }
        String column = change.column().orElseThrow();
        return impact.columnImpact(change.dataset(), column, depth, true, maxNodes, window, deadline)
                .map(DerivedColumns::of)
                .orElse(DerivedColumns.NONE);
    }

    /** The reached nodes of a type, sorted. */
    private static List<NodeId> reached(ChangeReach reach, NodeId.Type type) {
        return reach.reach().hops().keySet().stream()
                .filter(node -> node.type() == type)
                .sorted()
                .toList();
    }

    /** A job's domain is that of what it writes; a consumer's, that of what it reads. */
    private Assessment assessJob(ChangeReach reach, NodeId job, Optional<SqlReferences> references) {
        LineageGraph.Reach walk = reach.reach();
        List<NodeId> outputs = graph.successors(job);
        boolean consumer = outputs.isEmpty();
        Domain domain = consumer ? domains.of(walk.parents().get(job)) : domains.of(outputs.get(0));
        Subject subject = new Subject(job, walk.hops().get(job), domain, walk.path(job), consumer);
        return new JobAssessment(reach, subject, graph.predecessors(job), references).assess();
    }

    /** {@code assessed} holds the verdicts on the jobs that write it; {@code sql}, what their SQL reads. */
    private Assessment assessDataset(
            ChangeReach reach, NodeId dataset, Map<NodeId, Assessment> assessed, Map<NodeId, SqlReferences> sql) {
        LineageGraph.Reach walk = reach.reach();
        Subject subject =
                new Subject(dataset, walk.hops().get(dataset), domains.of(dataset), walk.path(dataset), false);
        List<DatasetAssessment.Writer> writers = graph.predecessors(dataset).stream()
                .filter(assessed::containsKey)
                .map(writer -> new DatasetAssessment.Writer(
                        assessed.get(writer),
                        sql.containsKey(writer) && sql.get(writer).definesView()))
                .toList();
        return new DatasetAssessment(reach, subject, writers).assess();
    }
}
