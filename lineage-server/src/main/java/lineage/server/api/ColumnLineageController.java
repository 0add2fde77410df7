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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.history.GraphHistory;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageReader;
import lineage.server.store.ColumnLineageWalks;
import lineage.server.store.DatasetRepository;
import lineage.server.store.DatasetRow;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRow;

/**
 * Marquez's {@code GET /api/v1/column-lineage}: the field graph upstream of a field, of a dataset's fields or of the
 * fields a job writes, and downstream too with {@code withDownstream=true}. The answer is Marquez's shape plus {@code
 * "truncated"}, like {@code /api/v1/lineage}; {@code datasetVersion} is always null (no versioned node ids here).
 */
@Controller("/api/v1/column-lineage")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ColumnLineageController {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ColumnLineageReader reader;
    private final ColumnLineageWalks walks;
    private final GraphHistory history;
    private final DatasetRepository datasets;
    private final JobRepository jobs;
    private final LineageConfig config;

    public ColumnLineageController(
            ColumnLineageReader reader,
            ColumnLineageWalks walks,
            GraphHistory history,
            DatasetRepository datasets,
            JobRepository jobs,
            LineageConfig config) {
        this.reader = reader;
        this.walks = walks;
        this.history = history;
        this.datasets = datasets;
        this.jobs = jobs;
        this.config = config;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> lineage(
            @Nullable @QueryValue String nodeId,
            @QueryValue(defaultValue = "20") String depth,
            @QueryValue(defaultValue = "false") String withDownstream,
            @Nullable @QueryValue String asOf,
            @QueryValue(defaultValue = "false") String includeStale) {
        NodeId node = nodeId(nodeId);
        int hops = LineageController.depth(depth);
        boolean downstream = Parameters.flag("withDownstream", withDownstream);
        List<ColumnLineageReader.Field> start = startFields(node);
        EdgeWindow window =
                history.window(Parameters.instant("asOf", asOf), Parameters.flag("includeStale", includeStale));
        ColumnLineageReader.Walk walk = walks.walk(start, hops, downstream, config.maxGraphNodes(), window);
        ObjectNode answer = NODES.objectNode();
        answer.set("graph", graph(walk));
        answer.put("truncated", walk.truncated());
        return HttpResponse.ok(MarquezResponses.write(answer));
    }

    private static NodeId nodeId(@Nullable String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            throw Parameters.invalid(
                    "nodeId", "is required (datasetField:<namespace>:<dataset>:<field>, dataset:… or job:…)");
        }
        try {
            return NodeId.parse(nodeId);
        } catch (IllegalArgumentException exception) {
            throw Parameters.invalid("nodeId", exception.getMessage());
        }
    }

    /** The fields the walk starts from; a 404 when the node does not exist (or is hidden). */
    private List<ColumnLineageReader.Field> startFields(NodeId node) {
        return switch (node.type()) {
            case JOB -> {
                JobRow job = jobs.findVisible(node.namespace(), node.name())
                        .orElseThrow(() -> new LineageException(ErrorCode.JOB_NOT_FOUND, "no job " + describe(node)));
                yield reader.findFields(reader.findCurrentOutputs(job.id()));
            }
            case DATASET -> reader.findFields(List.of(getDataset(node).id()));
            case DATASET_FIELD -> {
                String field = node.field().orElseThrow();
                List<ColumnLineageReader.Field> fields = reader
                        .findFields(List.of(getDataset(node).id()))
                        .stream()
                        .filter(candidate -> candidate.name().equals(field))
                        .toList();
                if (fields.isEmpty()) {
                    throw new LineageException(
                            ErrorCode.FIELD_NOT_FOUND, "no field " + field + " in dataset " + describe(node));
                }
                yield fields;
            }
        };
    }

    private DatasetRow getDataset(NodeId node) {
        return datasets.findVisible(node.namespace(), node.name())
                .orElseThrow(() -> new LineageException(ErrorCode.DATASET_NOT_FOUND, "no dataset " + describe(node)));
    }

    private static String describe(NodeId node) {
        return node.namespace() + ":" + node.name();
    }

    /**
     * The nodes sorted by id, each edge on both of its ends. Edges point the way data flows, as in {@code
     * /api/v1/lineage}: {@code origin} is the input (upstream) field and {@code destination} the output field, so a
     * field's {@code inEdges} come from its inputs. Marquez writes a column in-edge the other way round ({@code origin}
     * the field itself, {@code destination} its input); we keep one direction for both graphs.
     */
    private static ArrayNode graph(ColumnLineageReader.Walk walk) {
        Map<NodeId, List<ColumnLineageReader.Edge>> in = new HashMap<>();
        Map<NodeId, List<ColumnLineageReader.Edge>> out = new HashMap<>();
        for (ColumnLineageReader.Edge edge : walk.edges()) {
            in.computeIfAbsent(edge.output().nodeId(), key -> new ArrayList<>()).add(edge);
            out.computeIfAbsent(edge.input().nodeId(), key -> new ArrayList<>()).add(edge);
        }
        ArrayNode graph = NODES.arrayNode();
        for (ColumnLineageReader.FieldNode node : walk.nodes()) {
            NodeId id = node.field().nodeId();
            List<ColumnLineageReader.Edge> inputs = in.getOrDefault(id, List.of());
            ObjectNode json = graph.addObject();
            json.put("id", id.value());
            json.put("type", "DATASET_FIELD");
            ObjectNode data = field(json.putObject("data"), node.field());
            data.put("fieldType", node.type().orElse(null));
            ArrayNode inputFields = data.putArray("inputFields");
            inputs.forEach(edge -> field(inputFields.addObject(), edge.input())
                    .put("transformationDescription", edge.description().orElse(null))
                    .put("transformationType", transformationType(edge)));
            json.set("inEdges", edges(inputs));
            json.set("outEdges", edges(out.getOrDefault(id, List.of())));
        }
        return graph;
    }

    private static ObjectNode field(ObjectNode json, ColumnLineageReader.Field field) {
        return json.put("namespace", field.namespace())
                .put("dataset", field.dataset())
                .putNull("datasetVersion")
                .put("field", field.name());
    }

    /** OpenLineage's subtype for a DIRECT edge (IDENTITY, TRANSFORMATION, AGGREGATION), else its type (INDIRECT). */
    private static String transformationType(ColumnLineageReader.Edge edge) {
        return edge.transformation().equals("DIRECT") && !edge.subtype().isEmpty()
                ? edge.subtype()
                : edge.transformation();
    }

    /** One edge per pair of fields, however many transformations link them, in the walk's order. */
    private static ArrayNode edges(List<ColumnLineageReader.Edge> edges) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (ColumnLineageReader.Edge edge : edges) {
            pairs.add(List.of(
                    edge.input().nodeId().value(), edge.output().nodeId().value()));
        }
        ArrayNode array = NODES.arrayNode();
        pairs.forEach(pair -> array.addObject().put("origin", pair.get(0)).put("destination", pair.get(1)));
        return array;
    }
}
