package lineage.server.api;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.time.Instant;
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
import lineage.server.graph.SkippedNodes;
import lineage.server.history.GraphHistory;
import lineage.server.impact.Deadline;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.EdgeReader;
import lineage.server.store.NodeDetailsReader;

/** Answers lineage queries: walks the graph from a node and reads the details of the nodes it reaches. */
@Singleton
public class LineageResponses {
    /** The source of a dataset the store no longer has (Marquez's source of a dataset without a {@code dataSource}). */
    static final String DEFAULT_SOURCE = "default";

    private final GraphHistory history;
    private final NodeDetailsReader reader;
    private final EdgeReader edges;
    private final Domains domains;
    private final LineageConfig config;
    private final SkippedNodes skipped;

    public LineageResponses(
            GraphHistory history,
            NodeDetailsReader reader,
            EdgeReader edges,
            Domains domains,
            LineageConfig config,
            SkippedNodes skipped) {
        this.skipped = skipped;
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

    public LineageResponse lineage(Query query) {
        return lineage(query, Deadline.none());
    }

    /** The same, stopped with {@code WORK_TOO_LONG} when the deadline passes (checked between the walk and reads). */
    public LineageResponse lineage(Query query, Deadline deadline) {
        NodeId start = query.start();
        deadline.check();
        LineageGraph.Subgraph subgraph = walk(query);
        deadline.check();
        Map<LineageGraph.Edge, String> sources = sources(subgraph, query.window());
        deadline.check();
        Map<NodeId, NodeDetailsReader.DatasetDetails> datasets = reader.datasets(subgraph.nodes());
        deadline.check();
        Map<NodeId, NodeDetailsReader.JobDetails> jobs = reader.jobs(subgraph.nodes());
        deadline.check();
        if (!datasets.containsKey(start) && !jobs.containsKey(start)) {
            throw notFound(start);
        }
        Map<NodeId, List<LineageGraph.Edge>> in = new HashMap<>();
        Map<NodeId, List<LineageGraph.Edge>> out = new HashMap<>();
        for (LineageGraph.Edge edge : subgraph.edges()) {
            out.computeIfAbsent(edge.origin(), key -> new ArrayList<>()).add(edge);
            in.computeIfAbsent(edge.destination(), key -> new ArrayList<>()).add(edge);
        }
        List<LineageResponse.Node> nodes = new ArrayList<>(subgraph.nodes().size());
        try (SkippedNodes.Answer answer = skipped.answer("lineage")) {
            for (NodeId node : subgraph.nodes()) {
                try {
                    nodes.add(node(node, in, out, sources, datasets, jobs));
                } catch (RuntimeException unrenderable) {
                    answer.skip(node, unrenderable);
                }
            }
        }
        return new LineageResponse(nodes, subgraph.truncated());
    }

    private LineageResponse.Node node(
            NodeId node,
            Map<NodeId, List<LineageGraph.Edge>> in,
            Map<NodeId, List<LineageGraph.Edge>> out,
            Map<LineageGraph.Edge, String> sources,
            Map<NodeId, NodeDetailsReader.DatasetDetails> datasets,
            Map<NodeId, NodeDetailsReader.JobDetails> jobs) {
        List<LineageGraph.Edge> inputs = in.getOrDefault(node, List.of());
        List<LineageGraph.Edge> outputs = out.getOrDefault(node, List.of());
        boolean job = node.type() == NodeId.Type.JOB;
        return new LineageResponse.Node(
                node.value(),
                job ? "JOB" : "DATASET",
                job
                        ? job(node, jobs.get(node), inputs, outputs)
                        : dataset(node, datasets.get(node), domains.of(node).name()),
                edges(inputs, sources),
                edges(outputs, sources));
    }

    /** The same walk as {@link #lineage}, without node details; throws not-found for a node the store does not know. */
    public LineageGraph.Subgraph subgraph(Query query) {
        return subgraph(query, Deadline.none());
    }

    /** The same, stopped with {@code WORK_TOO_LONG} when the deadline passes. */
    public LineageGraph.Subgraph subgraph(Query query, Deadline deadline) {
        NodeId start = query.start();
        deadline.check();
        LineageGraph.Subgraph subgraph = walk(query);
        deadline.check();
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

    private static List<LineageResponse.Edge> edges(
            List<LineageGraph.Edge> edges, Map<LineageGraph.Edge, String> sources) {
        List<LineageResponse.Edge> wire = new ArrayList<>(edges.size());
        for (LineageGraph.Edge edge : edges) {
            wire.add(new LineageResponse.Edge(
                    edge.origin().value(), edge.destination().value(), sources.get(edge)));
        }
        return wire;
    }

    private static IdResponse id(NodeId node) {
        return new IdResponse(node.namespace(), node.name());
    }

    private static LineageResponse.DatasetData dataset(
            NodeId node, NodeDetailsReader.DatasetDetails details, String domain) {
        List<LineageResponse.Field> fields = new ArrayList<>();
        if (details != null) {
            for (JsonNode field : details.fields()) {
                JsonNode type = field.path("type");
                fields.add(new LineageResponse.Field(
                        field.path("name").asText(), type.isNull() ? null : type.asText(null), null, List.of()));
            }
        }
        Instant updatedAt = instant(details == null ? null : details.updatedAt());
        return new LineageResponse.DatasetData(
                id(node),
                DatasetResponse.TYPE,
                node.name(),
                node.name(),
                instant(details == null ? null : details.createdAt()),
                updatedAt,
                node.namespace(),
                details == null ? DEFAULT_SOURCE : details.sourceName(),
                fields,
                List.of(),
                updatedAt,
                null,
                null,
                domain);
    }

    private static LineageResponse.JobData job(
            NodeId node,
            NodeDetailsReader.JobDetails details,
            List<LineageGraph.Edge> in,
            List<LineageGraph.Edge> out) {
        NodeDetailsReader.RunDetails run = details == null ? null : details.latestRun();
        return new LineageResponse.JobData(
                id(node),
                details == null ? "BATCH" : details.type(),
                node.name(),
                node.name(),
                null,
                null,
                run == null ? null : run.id(),
                instant(details == null ? null : details.createdAt()),
                instant(details == null ? null : details.updatedAt()),
                node.namespace(),
                in.stream().map(edge -> id(edge.origin())).toList(),
                out.stream().map(edge -> id(edge.destination())).toList(),
                null,
                null,
                run == null ? null : RunResponse.of(run, node.namespace(), node.name()));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
