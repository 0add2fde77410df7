package lineage.server.impact;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageReader.Edge;
import lineage.server.store.ColumnLineageReader.Field;

/**
 * Column lineage held in memory, answering as the store does: fields of the datasets that exist, edges of the window
 * nearest output first. Questions about the past are the store's (ImpactApiIT), not this fake's.
 */
final class TestingColumnEdges implements ColumnEdges {
    private final Map<NodeId, Long> datasetIds = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();

    /** Makes the dataset exist, so that its fields can be asked for. */
    void addDataset(NodeId dataset) {
        datasetIds.putIfAbsent(dataset, datasetIds.size() + 1L);
    }

    /**
     * {@code input.inputField} reaches {@code output.outputField} by a DIRECT or INDIRECT transformation, written by
     * the job when one is given, last seen at {@code lastSeen}; source {@code sql}.
     */
    void addEdge(
            NodeId input,
            String inputField,
            NodeId output,
            String outputField,
            Optional<NodeId> job,
            String transformation,
            Instant lastSeen) {
        edges.add(new Edge(
                field(input, inputField),
                field(output, outputField),
                transformation,
                transformation.equals("DIRECT") ? "TRANSFORMATION" : "FILTER",
                Optional.empty(),
                job,
                "sql",
                lastSeen.atOffset(ZoneOffset.UTC)));
    }

    @Override
    public Optional<Field> findField(String namespace, String dataset, String field) {
        return Optional.ofNullable(datasetIds.get(NodeId.dataset(namespace, dataset)))
                .map(id -> new Field(id, namespace, dataset, field));
    }

    @Override
    public List<Edge> findDownstreamEdges(Collection<Field> fields, EdgeWindow window) {
        if (window.historical()) {
            throw new IllegalArgumentException("the store answers questions about the past");
        }
        Set<Field> wanted = new HashSet<>(fields);
        return edges.stream()
                .filter(edge -> wanted.contains(edge.input()))
                .filter(edge -> !edge.lastSeen().toInstant().isBefore(window.seenSince()))
                .sorted(Comparator.comparing((Edge edge) -> edge.output().nodeId())
                        .thenComparing(edge -> edge.input().nodeId()))
                .toList();
    }

    private Field field(NodeId dataset, String name) {
        addDataset(dataset);
        return new Field(datasetIds.get(dataset), dataset.namespace(), dataset.name(), name);
    }
}
