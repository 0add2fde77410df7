package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageReader;

/**
 * Marquez's column lineage graph, plus {@code truncated}: the field nodes sorted by id, each edge on both of its ends.
 * A field's {@code outEdges} run from it to the fields made from it. Its {@code inEdges} are written as {@link
 * EdgeOrientation} says: by default as Marquez writes them, {@code origin} the field itself and {@code destination}
 * its input, which Marquez's web UI follows to find a column's upstream; or the way data flows, {@code origin} the
 * input, as in {@code /api/v1/lineage}. {@code datasetVersion} is always null (no versioned node ids here).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ColumnLineageResponse(List<Node> graph, boolean truncated) {
    /** How in-edges are written: {@code MARQUEZ} from the field to its input, {@code FLOW} from the input to it. */
    enum EdgeOrientation {
        MARQUEZ,
        FLOW
    }

    static ColumnLineageResponse of(ColumnLineageReader.Walk walk, EdgeOrientation orientation) {
        Map<NodeId, List<ColumnLineageReader.Edge>> in = new HashMap<>();
        Map<NodeId, List<ColumnLineageReader.Edge>> out = new HashMap<>();
        for (ColumnLineageReader.Edge edge : walk.edges()) {
            in.computeIfAbsent(edge.output().nodeId(), key -> new ArrayList<>()).add(edge);
            out.computeIfAbsent(edge.input().nodeId(), key -> new ArrayList<>()).add(edge);
        }
        List<Node> graph = new ArrayList<>();
        for (ColumnLineageReader.FieldNode node : walk.nodes()) {
            NodeId id = node.field().nodeId();
            List<ColumnLineageReader.Edge> inputs = in.getOrDefault(id, List.of());
            ColumnLineageReader.Field field = node.field();
            List<InputField> inputFields = inputs.stream().map(InputField::of).toList();
            InputField first = inputFields.isEmpty() ? null : inputFields.get(0);
            Data data = new Data(
                    field.namespace(),
                    field.dataset(),
                    null,
                    field.name(),
                    node.type().orElse(null),
                    first == null ? null : first.transformationDescription(),
                    first == null ? null : first.transformationType(),
                    inputFields);
            List<Edge> inEdges = edges(inputs);
            if (orientation == EdgeOrientation.MARQUEZ) {
                inEdges = inEdges.stream()
                        .map(edge -> new Edge(edge.destination(), edge.origin()))
                        .toList();
            }
            graph.add(new Node(id.value(), "DATASET_FIELD", data, inEdges, edges(out.getOrDefault(id, List.of()))));
        }
        return new ColumnLineageResponse(graph, walk.truncated());
    }

    /** One edge per pair of fields, from input to output, however many transformations link them, in the walk's order. */
    private static List<Edge> edges(List<ColumnLineageReader.Edge> edges) {
        Set<Edge> pairs = new LinkedHashSet<>();
        for (ColumnLineageReader.Edge edge : edges) {
            pairs.add(new Edge(
                    edge.input().nodeId().value(), edge.output().nodeId().value()));
        }
        return List.copyOf(pairs);
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Node(String id, String type, Data data, List<Edge> inEdges, List<Edge> outEdges) {}

    /**
     * A field, its type when its dataset's schema has one, and the fields it is made from; {@code
     * transformationDescription} and {@code transformationType} are the first input's ({@code null} without inputs), as
     * Marquez still writes them at this level.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Data(
            String namespace,
            String dataset,
            @Nullable UUID datasetVersion,
            String field,
            @Nullable String fieldType,
            @Nullable String transformationDescription,
            @Nullable String transformationType,
            List<InputField> inputFields) {}

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InputField(
            String namespace,
            String dataset,
            @Nullable UUID datasetVersion,
            String field,
            @Nullable String transformationDescription,
            String transformationType) {
        static InputField of(ColumnLineageReader.Edge edge) {
            ColumnLineageReader.Field input = edge.input();
            return new InputField(
                    input.namespace(),
                    input.dataset(),
                    null,
                    input.name(),
                    edge.description().orElse(null),
                    transformationType(edge));
        }

        /** OpenLineage's subtype for a DIRECT edge (IDENTITY, TRANSFORMATION, AGGREGATION), else its type (INDIRECT). */
        static String transformationType(ColumnLineageReader.Edge edge) {
            return edge.transformation().equals("DIRECT") && !edge.subtype().isEmpty()
                    ? edge.subtype()
                    : edge.transformation();
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Edge(String origin, String destination) {}
}
