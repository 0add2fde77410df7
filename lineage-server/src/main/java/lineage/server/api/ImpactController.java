package lineage.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;
import java.util.TreeMap;
import lineage.server.api.error.ErrorCode;
import lineage.server.api.error.LineageException;
import lineage.server.config.LineageConfig;
import lineage.server.impact.Impact;
import lineage.server.impact.ImpactAnalysis;
import lineage.server.impact.ImpactedNode;
import lineage.server.model.NodeId;
import lineage.server.store.DatasetRepository;

/**
 * {@code GET /api/v1/impact}: everything downstream of a dataset, or of one of its columns ({@code column}), that a
 * change to it can break: datasets, jobs and fields, each with its distance, domain, owner, the edge that reaches it
 * (source and last seen) and one shortest path as evidence.
 */
@Controller("/api/v1/impact")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImpactController {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ImpactAnalysis analysis;
    private final DatasetRepository datasets;
    private final LineageConfig config;

    public ImpactController(ImpactAnalysis analysis, DatasetRepository datasets, LineageConfig config) {
        this.analysis = analysis;
        this.datasets = datasets;
        this.config = config;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> impact(
            @Nullable @QueryValue String nodeId,
            @Nullable @QueryValue String column,
            @QueryValue(defaultValue = "20") String depth,
            @QueryValue(defaultValue = "true") String includeIndirect) {
        NodeId node = LineageController.nodeId(nodeId);
        if (node.type() != NodeId.Type.DATASET) {
            throw Parameters.invalid("nodeId", "must name a dataset (dataset:<namespace>:<name>)");
        }
        int hops = LineageController.depth(depth);
        boolean indirect = flag("includeIndirect", includeIndirect);
        if (datasets.findVisible(node.namespace(), node.name()).isEmpty()) {
            throw new LineageException(
                    ErrorCode.DATASET_NOT_FOUND, "no dataset " + node.namespace() + ":" + node.name());
        }
        Impact impact;
        if (column == null) {
            impact = analysis.datasetImpact(node, hops, config.maxGraphNodes());
        } else if (column.isBlank()) {
            throw Parameters.invalid("column", "must not be blank");
        } else {
            impact = analysis.columnImpact(node, column, hops, indirect, config.maxGraphNodes())
                    .orElseThrow(() -> new LineageException(
                            ErrorCode.DATASET_NOT_FOUND, "no dataset " + node.namespace() + ":" + node.name()));
        }
        return HttpResponse.ok(MarquezResponses.write(render(impact, hops, indirect)));
    }

    static ObjectNode render(Impact impact, int depth, boolean includeIndirect) {
        ObjectNode answer = NODES.objectNode();
        answer.put("nodeId", impact.start().value());
        impact.column().ifPresentOrElse(column -> answer.put("column", column), () -> answer.putNull("column"));
        answer.put("depth", depth);
        answer.put("includeIndirect", includeIndirect);
        answer.put("truncated", impact.truncated());
        TreeMap<String, Integer> byDomain = new TreeMap<>();
        int[] counts = new int[NodeId.Type.values().length];
        ArrayNode impacted = answer.putArray("impacted");
        for (ImpactedNode node : impact.impacted()) {
            ObjectNode item = impacted.addObject();
            item.put("id", node.node().value());
            item.put("type", type(node.node()));
            item.put("namespace", node.node().namespace());
            item.put("name", node.node().name());
            node.node().field().ifPresentOrElse(field -> item.put("field", field), () -> item.putNull("field"));
            item.put("distance", node.distance());
            item.put("domain", node.domain().name());
            node.domain().owner().ifPresentOrElse(owner -> item.put("owner", owner), () -> item.putNull("owner"));
            node.domain()
                    .contact()
                    .ifPresentOrElse(contact -> item.put("contact", contact), () -> item.putNull("contact"));
            node.source().ifPresentOrElse(source -> item.put("source", source), () -> item.putNull("source"));
            node.lastSeen()
                    .ifPresentOrElse(
                            seen -> item.put("lastSeen", seen.toInstant().toString()), () -> item.putNull("lastSeen"));
            ArrayNode path = item.putArray("path");
            node.path().forEach(step -> path.add(step.value()));
            counts[node.node().type().ordinal()]++;
            if (node.node().type() == NodeId.Type.DATASET) {
                byDomain.merge(node.domain().name(), 1, Integer::sum);
            }
        }
        ObjectNode summary = answer.putObject("summary");
        summary.put("datasets", counts[NodeId.Type.DATASET.ordinal()]);
        summary.put("jobs", counts[NodeId.Type.JOB.ordinal()]);
        summary.put("fields", counts[NodeId.Type.DATASET_FIELD.ordinal()]);
        ObjectNode domains = summary.putObject("datasetsByDomain");
        byDomain.forEach(domains::put);
        return answer;
    }

    private static String type(NodeId node) {
        return switch (node.type()) {
            case DATASET -> "DATASET";
            case JOB -> "JOB";
            case DATASET_FIELD -> "DATASET_FIELD";
        };
    }

    private static boolean flag(String field, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw Parameters.invalid(field, "must be true or false");
        };
    }
}
