package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import lineage.server.domain.Domain;
import lineage.server.impact.SchemaChangeAnalysis.Assessment;
import lineage.server.impact.SchemaChangeAnalysis.Verdict;
import lineage.server.model.NodeId;

/**
 * The job or dataset a verdict is on: how many job hops downstream of the changed table, whose it is, the path that
 * reaches it, and whether it is a consumer (a job that writes nothing).
 */
record Subject(NodeId node, int distance, Domain domain, List<NodeId> path, boolean consumer) {
    Subject {
        requireNonNull(node, "node is null");
        requireNonNull(domain, "domain is null");
        path = List.copyOf(path);
    }

    /** A verdict whose evidence is the path that reaches the subject. */
    Assessment verdict(Verdict verdict, String reason) {
        return verdict(verdict, reason, path);
    }

    /** A verdict whose evidence is another path, such as one of column lineage. */
    Assessment verdict(Verdict verdict, String reason, List<NodeId> evidence) {
        return new Assessment(
                node, verdict, distance, domain, reason, evidence, Optional.empty(), Optional.empty(), consumer);
    }

    /** A verdict whose evidence is a line of SQL, with what to edit there. */
    Assessment verdict(Verdict verdict, String reason, Optional<SqlLine> line, Optional<String> edit) {
        return new Assessment(node, verdict, distance, domain, reason, path, line, edit, consumer);
    }
}
