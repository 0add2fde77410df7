package lineage.server.graph;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import lineage.server.model.NodeId;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.AttributeType;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

/**
 * A {@link LineageGraph.Subgraph} as Graphviz DOT or GraphML text: vertex ids are node ids, each vertex carries a
 * {@code label} (its name) and a {@code type} ({@code DATASET} or {@code JOB}). Nodes and edges keep the subgraph's
 * order, so the same subgraph always gives the same text.
 */
public final class SubgraphExports {
    private SubgraphExports() {}

    public static String dot(LineageGraph.Subgraph subgraph) {
        // Node ids hold ':' and '/', so they are DOT quoted strings.
        DOTExporter<NodeId, DefaultEdge> exporter = new DOTExporter<>(node -> quoted(node.value()));
        exporter.setGraphIdProvider(() -> "lineage");
        exporter.setVertexAttributeProvider(SubgraphExports::attributes);
        return export(subgraph, graph -> {
            StringWriter writer = new StringWriter();
            exporter.exportGraph(graph, writer);
            return writer.toString();
        });
    }

    public static String graphMl(LineageGraph.Subgraph subgraph) {
        GraphMLExporter<NodeId, DefaultEdge> exporter = new GraphMLExporter<>(NodeId::value);
        exporter.registerAttribute("label", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        exporter.registerAttribute("type", GraphMLExporter.AttributeCategory.NODE, AttributeType.STRING);
        exporter.setVertexAttributeProvider(SubgraphExports::attributes);
        return export(subgraph, graph -> {
            StringWriter writer = new StringWriter();
            exporter.exportGraph(graph, writer);
            return writer.toString();
        });
    }

    private static String export(
            LineageGraph.Subgraph subgraph, Function<Graph<NodeId, DefaultEdge>, String> exporter) {
        Graph<NodeId, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        subgraph.nodes().forEach(graph::addVertex);
        subgraph.edges().forEach(edge -> graph.addEdge(edge.origin(), edge.destination()));
        return exporter.apply(graph);
    }

    private static Map<String, Attribute> attributes(NodeId node) {
        Map<String, Attribute> attributes = new LinkedHashMap<>();
        attributes.put("label", DefaultAttribute.createAttribute(node.name()));
        attributes.put("type", DefaultAttribute.createAttribute(node.type() == NodeId.Type.JOB ? "JOB" : "DATASET"));
        return attributes;
    }

    private static String quoted(String id) {
        return "\"" + id.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
