package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import lineage.server.impact.SchemaChange;
import lineage.server.impact.SchemaChangeAnalysis;
import lineage.server.model.NodeId;

/**
 * {@code POST /api/v1/impact/schema-change}: the changes as understood, a summary of the verdicts, the objects the
 * changes reach (worst first) and their consumers, and what could not be assessed.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SchemaChangeResponse(
        List<Change> changes,
        Summary summary,
        List<Assessment> objects,
        List<Assessment> consumers,
        List<String> warnings) {
    static SchemaChangeResponse of(SchemaChangeAnalysis.Report report) {
        List<Assessment> objects = report.assessments().stream()
                .filter(assessment -> !assessment.consumer())
                .map(Assessment::of)
                .toList();
        List<Assessment> consumers = report.assessments().stream()
                .filter(SchemaChangeAnalysis.Assessment::consumer)
                .map(Assessment::of)
                .toList();
        return new SchemaChangeResponse(
                report.changes().stream().map(Change::of).toList(),
                Summary.of(report, consumers.size()),
                objects,
                consumers,
                report.warnings());
    }

    /** {@code kind} is a {@link SchemaChange.Kind}; {@code dataset} a dataset node id. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(
            String kind, String dataset, @Nullable String column, @Nullable String newName, @Nullable String newType) {
        static Change of(SchemaChange change) {
            return new Change(
                    change.kind().name(),
                    change.dataset().value(),
                    change.column().orElse(null),
                    change.newName().orElse(null),
                    change.newType().orElse(null));
        }
    }

    /** How many objects get each verdict, how many consumers, and the worst verdict ({@code NONE} when none). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Summary(int breaking, int affected, int safe, int consumers, String worst) {
        static Summary of(SchemaChangeAnalysis.Report report, int consumers) {
            int[] verdicts = new int[SchemaChangeAnalysis.Verdict.values().length];
            for (SchemaChangeAnalysis.Assessment assessment : report.assessments()) {
                if (!assessment.consumer()) {
                    verdicts[assessment.verdict().ordinal()]++;
                }
            }
            return new Summary(
                    verdicts[SchemaChangeAnalysis.Verdict.BREAKING.ordinal()],
                    verdicts[SchemaChangeAnalysis.Verdict.AFFECTED.ordinal()],
                    verdicts[SchemaChangeAnalysis.Verdict.SAFE.ordinal()],
                    consumers,
                    report.assessments().stream()
                            .map(SchemaChangeAnalysis.Assessment::verdict)
                            .min(Enum::compareTo)
                            .map(Enum::name)
                            .orElse("NONE"));
        }
    }

    /** What a change does to one object or consumer, why, the path that reaches it, and the line of SQL to edit. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Assessment(
            String id,
            String type,
            String namespace,
            String name,
            String verdict,
            int distance,
            String domain,
            @Nullable String owner,
            @Nullable String contact,
            String reason,
            List<String> path,
            @Nullable Sql sql,
            @Nullable String edit) {
        static Assessment of(SchemaChangeAnalysis.Assessment assessment) {
            NodeId node = assessment.node();
            return new Assessment(
                    node.value(),
                    node.type().name(),
                    node.namespace(),
                    node.name(),
                    assessment.verdict().name(),
                    assessment.distance(),
                    assessment.domain().name(),
                    assessment.domain().owner().orElse(null),
                    assessment.domain().contact().orElse(null),
                    assessment.reason(),
                    assessment.path().stream().map(NodeId::value).toList(),
                    assessment
                            .line()
                            .map(line -> new Sql(line.number(), line.text()))
                            .orElse(null),
                    assessment.edit().orElse(null));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Sql(int line, String text) {}
}
