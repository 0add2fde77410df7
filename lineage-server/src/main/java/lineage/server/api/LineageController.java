package lineage.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Locale;
import lineage.server.config.LimitsConfig;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.graph.LineageGraph;
import lineage.server.graph.SubgraphExports;
import lineage.server.history.GraphHistory;
import lineage.server.impact.Deadline;
import lineage.server.ingest.DroppedFacets;
import lineage.server.ingest.EventIngester;
import lineage.server.ingest.EventParser;
import lineage.server.model.NodeId;

/** {@code /api/v1/lineage}: where OpenLineage clients post events, and the lineage graph around a node. */
@Controller("/api/v1/lineage")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LineageController {
    static final String GRAPHVIZ = "text/vnd.graphviz";
    static final String GRAPHML = "application/graphml+xml";

    private final EventIngester ingester;
    private final CanonicalNames names;
    private final LineageResponses responses;
    private final GraphHistory history;
    private final LineageConfig config;
    private final LimitsConfig limits;

    public LineageController(
            EventIngester ingester,
            LineageResponses responses,
            GraphHistory history,
            LineageConfig config,
            LimitsConfig limits,
            CanonicalNames names) {
        this.names = names;
        this.ingester = ingester;
        this.responses = responses;
        this.history = history;
        this.config = config;
        this.limits = limits;
    }

    /**
     * One event answers 201 with an empty body, like Marquez (with the facets left out, if any: {@code
     * lineage.validation.facets: drop}); a JSON array of events answers 200 with how many were accepted, why each other
     * element was rejected and which facets were left out of which.
     */
    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "one event stored (no body; with lineage.validation.facets=drop, the facets left out)",
            content = @Content(schema = @Schema(implementation = DroppedFacetsResponse.class)))
    @ApiResponse(
            responseCode = "200",
            description = "a batch (a JSON array): how many events were stored, which were refused and why",
            content = @Content(schema = @Schema(implementation = BatchResponse.class)))
    public HttpResponse<?> post(@Body @Nullable byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > config.maxEventBytes()) {
            // The HTTP layer refuses it first (micronaut.server.max-request-size follows the setting); this holds if
            // not.
            throw ProblemRenderer.bodyTooLarge(config.maxEventBytes());
        }
        JsonNode tree = EventParser.readTree(bytes);
        if (tree.isArray()) {
            if (tree.size() > limits.maxBatchEvents()) {
                String message = "has " + tree.size() + " elements; the limit is " + limits.maxBatchEvents()
                        + " (lineage.limits.max-batch-events)";
                throw new LineageException(
                        ErrorCode.PAYLOAD_TOO_LARGE, "the batch " + message, List.of(new FieldError("$", message)));
            }
            EventIngester.BatchResult result = ingester.ingestBatch(tree);
            return HttpResponse.ok(new BatchResponse(
                    result.accepted(),
                    result.rejected().stream()
                            .map(rejected -> new BatchResponse.Rejected(rejected.index(), rejected.errors()))
                            .toList(),
                    result.dropped().stream()
                            .map(dropped -> new BatchResponse.Dropped(
                                    dropped.index(),
                                    dropped.facets().facets(),
                                    dropped.facets().errors()))
                            .toList()));
        }
        DroppedFacets dropped = ingester.ingest(tree);
        if (!dropped.isEmpty()) {
            return HttpResponse.status(HttpStatus.CREATED).body(DroppedFacetsResponse.of(dropped));
        }
        return HttpResponse.status(HttpStatus.CREATED);
    }

    /**
     * Marquez's {@code GET /api/v1/lineage}, plus {@code direction} (upstream, downstream or both, the default), {@code
     * asOf} (the graph as it was then), {@code includeStale} (edges not seen within {@code lineage.edges.stale-after})
     * and {@code domain} (keep the datasets of these domains, comma-separated, and the jobs that touch them).
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public LineageResponse lineage(
            HttpRequest<?> http,
            @Nullable @QueryValue String nodeId,
            @QueryValue(defaultValue = "20") String depth,
            @QueryValue(defaultValue = "both") String direction,
            @Nullable @QueryValue String asOf,
            @QueryValue(defaultValue = "false") String includeStale,
            @Nullable @QueryValue String domain) {
        return responses.lineage(
                query(nodeId, depth, direction, asOf, includeStale, domain), Deadlines.of(http, limits));
    }

    /**
     * The same subgraph as {@link #lineage}, as Graphviz DOT ({@code format=dot}) or GraphML ({@code format=graphml}):
     * vertex ids are node ids, with {@code label} and {@code type} attributes.
     */
    @Get(
            uri = "/export",
            produces = {GRAPHVIZ, GRAPHML})
    public HttpResponse<String> export(
            HttpRequest<?> http,
            @Nullable @QueryValue String nodeId,
            @QueryValue(defaultValue = "20") String depth,
            @QueryValue(defaultValue = "both") String direction,
            @QueryValue(defaultValue = "dot") String format,
            @Nullable @QueryValue String asOf,
            @QueryValue(defaultValue = "false") String includeStale,
            @Nullable @QueryValue String domain) {
        LineageResponses.Query query = query(nodeId, depth, direction, asOf, includeStale, domain);
        String media =
                switch (format.toLowerCase(Locale.ROOT)) {
                    case "dot" -> GRAPHVIZ;
                    case "graphml" -> GRAPHML;
                    default -> throw invalid("format", "must be dot or graphml");
                };
        Deadline deadline = Deadlines.of(http, limits);
        LineageGraph.Subgraph subgraph = responses.subgraph(query, deadline);
        String body = media.equals(GRAPHVIZ) ? SubgraphExports.dot(subgraph) : SubgraphExports.graphMl(subgraph);
        deadline.check();
        return HttpResponse.ok(body).contentType(media);
    }

    private LineageResponses.Query query(
            @Nullable String nodeId,
            String depth,
            String direction,
            @Nullable String asOf,
            String includeStale,
            @Nullable String domain) {
        return new LineageResponses.Query(
                names.node(nodeId(nodeId)),
                direction(direction),
                depth(depth),
                history.window(Parameters.instant("asOf", asOf), Parameters.flag("includeStale", includeStale)),
                Parameters.names(domain));
    }

    static NodeId nodeId(@Nullable String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            throw invalid("nodeId", "is required (dataset:<namespace>:<name> or job:<namespace>:<name>)");
        }
        try {
            NodeId node = NodeId.parse(nodeId);
            if (node.type() == NodeId.Type.DATASET_FIELD) {
                throw invalid("nodeId", "a datasetField node belongs to /api/v1/column-lineage");
            }
            return node;
        } catch (IllegalArgumentException exception) {
            throw invalid("nodeId", exception.getMessage());
        }
    }

    static int depth(String depth) {
        try {
            int value = Integer.parseInt(depth);
            if (value < 0 || value > 1000) {
                throw invalid("depth", "must be between 0 and 1000");
            }
            return value;
        } catch (NumberFormatException exception) {
            throw invalid("depth", "'" + depth + "' is not a number");
        }
    }

    private static LineageGraph.Direction direction(String direction) {
        try {
            return LineageGraph.Direction.valueOf(direction.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException exception) {
            throw invalid("direction", "must be upstream, downstream or both");
        }
    }

    private static LineageException invalid(String field, String message) {
        return new LineageException(
                ErrorCode.INVALID_PARAMETER, field + " " + message, List.of(new FieldError(field, message)));
    }
}
