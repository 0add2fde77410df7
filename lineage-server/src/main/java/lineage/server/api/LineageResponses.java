package lineage.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import lineage.server.config.LineageConfig;
import lineage.server.domain.Domains;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.graph.LineageGraph;
import lineage.server.history.GraphHistory;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.EdgeReader;
import lineage.server.store.NodeDetailsReader;

/**
 * Builds lineage answers in Marquez's JSON shape: {@code {"graph": [node...], "truncated": false}}, nodes sorted by id,
 * each edge on both of its ends ({@code outEdges} of the origin, {@code inEdges} of the destination).
 */
@Singleton
public class LineageResponses {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final GraphHistory history;
    private final NodeDetailsReader reader;
    private final EdgeReader edges;
    private final Domains domains;
    private final LineageConfig config;

    public LineageResponses(
            GraphHistory history, NodeDetailsReader reader, EdgeReader edges, Domains domains, LineageConfig config) {
        this.edges = edges;
        this.history = history;
        this.reader = reader;
        this.domains = domains;
        this.config = config;
    }

    /** A lineage query: the walk from a node, the edges it sees, and the domains it keeps (all when empty). */
    public record Query(
            NodeId start, LineageGraph.Direction direction, int depth, EdgeWindow window, Set<String> domains) {
        public Query {
            requireNonNull(start, "start is null");
            requireNonNull(direction, "direction is null");
            requireNonNull(window, "window is null");
            domains = Set.copyOf(domains);
        }
    }

    public String lineage(Query query) {
        NodeId start = query.start();
        LineageGraph.Subgraph subgraph = walk(query);
        Map<LineageGraph.Edge, String> sources = sources(subgraph, query.window());
        Map<NodeId, NodeDetailsReader.DatasetDetails> datasets = reader.datasets(subgraph.nodes());
        Map<NodeId, NodeDetailsReader.JobDetails> jobs = reader.jobs(subgraph.nodes());
        if (!datasets.containsKey(start) && !jobs.containsKey(start)) {
            throw notFound(start);
        }
        Map<NodeId, List<LineageGraph.Edge>> in = new HashMap<>();
        Map<NodeId, List<LineageGraph.Edge>> out = new HashMap<>();
        for (LineageGraph.Edge edge : subgraph.edges()) {
            out.computeIfAbsent(edge.origin(), key -> new ArrayList<>()).add(edge);
            in.computeIfAbsent(edge.destination(), key -> new ArrayList<>()).add(edge);
        }
        ArrayNode nodes = NODES.arrayNode();
        for (NodeId node : subgraph.nodes()) {
            ObjectNode json = nodes.addObject();
            json.put("id", node.value());
            json.put("type", node.type() == NodeId.Type.JOB ? "JOB" : "DATASET");
            json.set(
                    "data",
                    node.type() == NodeId.Type.JOB
                            ? job(
                                    node,
                                    jobs.get(node),
                                    in.getOrDefault(node, List.of()),
                                    out.getOrDefault(node, List.of()))
                            : dataset(node, datasets.get(node), domains.of(node).name()));
            json.set("inEdges", edges(in.getOrDefault(node, List.of()), sources));
            json.set("outEdges", edges(out.getOrDefault(node, List.of()), sources));
        }
        ObjectNode answer = NODES.objectNode();
        answer.set("graph", nodes);
        answer.put("truncated", subgraph.truncated());
        try {
            return JSON.writeValueAsString(answer);
        } catch (JsonProcessingException exception) {
            throw new UncheckedIOException(exception);
        }
    }

    /** The same walk as {@link #lineage}, without node details; throws not-found for a node the store does not know. */
    public LineageGraph.Subgraph subgraph(Query query) {
        NodeId start = query.start();
        LineageGraph.Subgraph subgraph = walk(query);
        boolean known = start.type() == NodeId.Type.JOB
                ? reader.jobs(List.of(start)).containsKey(start)
                : reader.datasets(List.of(start)).containsKey(start);
        if (!known) {
            throw notFound(start);
        }
        return subgraph;
    }

    private LineageGraph.Subgraph walk(Query query) {
        LineageGraph graph = history.graphAt(
                query.window(), query.start(), query.direction(), query.depth(), config.maxGraphNodes());
        LineageGraph.Subgraph subgraph = graph.walk(
                query.start(),
                query.direction(),
                query.depth(),
                config.maxGraphNodes(),
                query.window().seenSince());
        return query.domains().isEmpty() ? subgraph : inDomains(subgraph, query.start(), query.domains());
    }

    /**
     * The part of a subgraph in the domains: their datasets (and the start node), the jobs that read or write one of
     * them, and the edges among those.
     */
    private LineageGraph.Subgraph inDomains(LineageGraph.Subgraph subgraph, NodeId start, Set<String> wanted) {
        Set<NodeId> kept = new TreeSet<>();
        kept.add(start);
        for (NodeId node : subgraph.nodes()) {
            if (node.type() == NodeId.Type.DATASET
                    && wanted.contains(domains.of(node).name())) {
                kept.add(node);
            }
        }
        Set<NodeId> jobs = new TreeSet<>();
        for (LineageGraph.Edge edge : subgraph.edges()) {
            if (kept.contains(edge.origin()) && edge.destination().type() == NodeId.Type.JOB) {
                jobs.add(edge.destination());
            }
            if (kept.contains(edge.destination()) && edge.origin().type() == NodeId.Type.JOB) {
                jobs.add(edge.origin());
            }
        }
        kept.addAll(jobs);
        List<LineageGraph.Edge> edges = subgraph.edges().stream()
                .filter(edge -> kept.contains(edge.origin()) && kept.contains(edge.destination()))
                .toList();
        return new LineageGraph.Subgraph(kept, edges, subgraph.truncated());
    }

    private static LineageException notFound(NodeId start) {
        return new LineageException(
                start.type() == NodeId.Type.JOB ? ErrorCode.JOB_NOT_FOUND : ErrorCode.DATASET_NOT_FOUND,
                "no " + start.type().prefix() + " " + start.namespace() + ":" + start.name());
    }

    /** Where each edge of the subgraph came from ({@code openlineage}, {@code sql}, {@code trino}). */
    private Map<LineageGraph.Edge, String> sources(LineageGraph.Subgraph subgraph, EdgeWindow window) {
        List<NodeId> jobs = subgraph.nodes().stream()
                .filter(node -> node.type() == NodeId.Type.JOB)
                .toList();
        Map<LineageGraph.Edge, String> sources = new HashMap<>();
        for (EdgeReader.EdgeDetails edge : edges.edgeDetails(jobs, window)) {
            LineageGraph.Edge key = edge.direction().equals("INPUT")
                    ? new LineageGraph.Edge(edge.dataset(), edge.job())
                    : new LineageGraph.Edge(edge.job(), edge.dataset());
            sources.put(key, edge.source());
        }
        return sources;
    }

    private static ArrayNode edges(List<LineageGraph.Edge> edges, Map<LineageGraph.Edge, String> sources) {
        ArrayNode array = NODES.arrayNode();
        for (LineageGraph.Edge edge : edges) {
            array.addObject()
                    .put("origin", edge.origin().value())
                    .put("destination", edge.destination().value())
                    .put("source", sources.get(edge));
        }
        return array;
    }

    private static ObjectNode id(NodeId node) {
        return NODES.objectNode().put("namespace", node.namespace()).put("name", node.name());
    }

    private static ObjectNode dataset(NodeId node, NodeDetailsReader.DatasetDetails details, String domain) {
        ObjectNode data = NODES.objectNode();
        data.set("id", id(node));
        data.put("type", "DB_TABLE");
        data.put("name", node.name());
        data.put("physicalName", node.name());
        data.put("createdAt", time(details == null ? null : details.createdAt()));
        data.put("updatedAt", time(details == null ? null : details.updatedAt()));
        data.put("namespace", node.namespace());
        data.put("sourceName", details == null ? null : details.sourceName());
        ArrayNode fields = data.putArray("fields");
        if (details != null) {
            details.fields().forEach(field -> fields.addObject()
                    .put("name", field.path("name").asText())
                    .put(
                            "type",
                            field.path("type").isNull()
                                    ? null
                                    : field.path("type").asText(null))
                    .putNull("description")
                    .putArray("tags"));
        }
        data.putArray("tags");
        data.put("lastModifiedAt", time(details == null ? null : details.updatedAt()));
        data.putNull("description");
        data.putNull("lastLifecycleState");
        data.put("domain", domain);
        return data;
    }

    private static ObjectNode job(
            NodeId node,
            NodeDetailsReader.JobDetails details,
            List<LineageGraph.Edge> in,
            List<LineageGraph.Edge> out) {
        ObjectNode data = NODES.objectNode();
        data.set("id", id(node));
        data.put("type", details == null ? "BATCH" : details.type());
        data.put("name", node.name());
        data.put("simpleName", node.name());
        data.putNull("parentJobName");
        data.putNull("parentJobUuid");
        data.put("createdAt", time(details == null ? null : details.createdAt()));
        data.put("updatedAt", time(details == null ? null : details.updatedAt()));
        data.put("namespace", node.namespace());
        ArrayNode inputs = data.putArray("inputs");
        in.forEach(edge -> inputs.add(id(edge.origin())));
        ArrayNode outputs = data.putArray("outputs");
        out.forEach(edge -> outputs.add(id(edge.destination())));
        data.putNull("location");
        data.putNull("description");
        NodeDetailsReader.RunDetails run = details == null ? null : details.latestRun();
        if (run == null) {
            data.putNull("latestRun");
        } else {
            ObjectNode latest = data.putObject("latestRun");
            latest.put("id", run.id().toString());
            latest.put("createdAt", time(run.createdAt()));
            latest.put("updatedAt", time(run.updatedAt()));
            latest.put("state", run.state());
            latest.put("startedAt", time(run.startedAt()));
            latest.put("endedAt", time(run.endedAt()));
        }
        return data;
    }

    private static String time(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
