package lineage.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.netty.buffer.ByteBuf;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import lineage.server.config.LimitsConfig;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.history.GraphHistory;
import lineage.server.impact.Deadline;
import lineage.server.impact.Impact;
import lineage.server.impact.ImpactAnalysis;
import lineage.server.impact.ImpactedNode;
import lineage.server.impact.SchemaChange;
import lineage.server.impact.SchemaChangeAnalysis;
import lineage.server.ingest.EventLimits;
import lineage.server.ingest.EventParser;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.DatasetRepository;
import lineage.server.trino.TrinoClusters;
import lineage.sql.Diagnostic;
import lineage.sql.SchemaChange.Kind;
import lineage.sql.SchemaChanges;

/**
 * {@code GET /api/v1/impact}: everything downstream of a dataset, or of one of its columns ({@code column}), that a
 * change to it can break: datasets, jobs and fields, each with its distance, domain, owner, the edge that reaches it
 * (source and last seen) and one shortest path as evidence.
 */
@Controller("/api/v1/impact")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ImpactController {
    private final ImpactAnalysis analysis;
    private final GraphHistory history;
    private final SchemaChangeAnalysis schemaChanges;
    private final DatasetRepository datasets;
    private final LineageConfig config;
    private final LimitsConfig limits;
    private final TrinoClusters clusters;
    private final CanonicalNames names;

    public ImpactController(
            ImpactAnalysis analysis,
            GraphHistory history,
            SchemaChangeAnalysis schemaChanges,
            DatasetRepository datasets,
            LineageConfig config,
            LimitsConfig limits,
            TrinoClusters clusters,
            CanonicalNames names) {
        this.analysis = analysis;
        this.history = history;
        this.schemaChanges = schemaChanges;
        this.datasets = datasets;
        this.config = config;
        this.limits = limits;
        this.clusters = clusters;
        this.names = names;
    }

    /**
     * {@code POST /api/v1/impact/schema-change}: what a proposed change breaks. The body holds {@code ddl} (a migration
     * script) or {@code changes} (a list of {@code {kind, dataset, column, newName, newType, namespace}}), and
     * optionally {@code depth}. Tables without a namespace are in the configured Trino namespace. At most {@code
     * lineage.limits.max-schema-changes} changes and {@code max-ddl-bytes} of script (else 413), answered within {@code
     * max-work-time} (else 503).
     */
    @Post(uri = "/schema-change", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public SchemaChangeResponse schemaChange(HttpRequest<?> http, @Body @Nullable byte[] body) {
        JsonNode request = EventParser.readTree(body == null ? new byte[0] : body);
        if (!request.isObject()) {
            throw invalid("$", "the body must be a JSON object with ddl or changes");
        }
        // Text PostgreSQL cannot compare with stored names (NUL, lone surrogates) is refused like in an event.
        List<FieldError> unstorable = new ArrayList<>();
        EventLimits.checkTree(request, "", unstorable);
        if (!unstorable.isEmpty()) {
            throw new LineageException(
                    ErrorCode.INVALID_SCHEMA_CHANGE, "the request holds text no name can hold", unstorable);
        }
        int depth = request.has("depth")
                ? LineageController.depth(request.path("depth").asText())
                : 20;
        List<SchemaChange> changes;
        if (request.path("ddl").isTextual() == request.path("changes").isArray()) {
            throw invalid("$", "give either ddl (a migration script) or changes (a list), not both or neither");
        }
        String trinoNamespace = trinoNamespace(request.path("namespace"));
        if (request.path("ddl").isTextual()) {
            changes = ddl(request.path("ddl").asText(), trinoNamespace);
        } else {
            changes = changes(request.path("changes"), trinoNamespace);
        }
        Deadline deadline = Deadlines.of(http, limits);
        return SchemaChangeResponse.of(
                schemaChanges.assess(changes, depth, config.maxGraphNodes(), deadline, limits.sqlParseTime()));
    }

    private static LineageException tooMany(String field, String what, int count, int limit, String setting) {
        String message = "has " + count + " " + what + "; the limit is " + limit + " (lineage.limits." + setting + ")";
        return new LineageException(
                ErrorCode.PAYLOAD_TOO_LARGE, field + " " + message, List.of(new FieldError(field, message)));
    }

    /** The changes of a migration script, or the parser's first error as the problem of {@code ddl}. */
    private List<SchemaChange> ddl(String script, String trinoNamespace) {
        int bytes = script.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxDdlBytes()) {
            throw tooMany("ddl", "bytes", bytes, limits.maxDdlBytes(), "max-ddl-bytes");
        }
        SchemaChanges parsed = SchemaChanges.parse(script);
        int statements = parsed.changes().size() + parsed.diagnostics().size();
        if (statements > limits.maxSchemaChanges()) {
            throw tooMany("ddl", "statements", statements, limits.maxSchemaChanges(), "max-schema-changes");
        }
        Optional<Diagnostic> error = parsed.error();
        if (error.isPresent()) {
            throw invalid("ddl", error.get().message());
        }
        return parsed.changes().stream()
                .map(change -> SchemaChange.of(change, trinoNamespace))
                .map(this::canonical)
                .toList();
    }

    /**
     * The Trino cluster DDL without a namespace names: the request's {@code namespace}, else the one cluster known
     * (configured or learned); with several, the request must say which.
     */
    private String trinoNamespace(JsonNode given) {
        if (given.isTextual() && !given.asText().isBlank()) {
            return names.namespace(TrinoClusters.namespaceOf(given.asText()));
        }
        if (!given.isMissingNode() && !given.isNull()) {
            throw invalid("namespace", "must be a Trino cluster's namespace (trino://host:port)");
        }
        Optional<String> cluster = clusters.cluster();
        if (cluster.isPresent()) {
            return cluster.get();
        }
        Set<String> known = clusters.clusters();
        if (known.size() > 1) {
            throw invalid(
                    "namespace",
                    "is required: " + known.size() + " Trino clusters are known (" + String.join(", ", known)
                            + "); say which one the DDL runs on");
        }
        return clusters.clusterOrDefault();
    }

    /** The change with its dataset's canonical identity (a dataset named by an alias). */
    private SchemaChange canonical(SchemaChange change) {
        NodeId dataset = names.node(change.dataset());
        return dataset.equals(change.dataset())
                ? change
                : new SchemaChange(change.kind(), dataset, change.column(), change.newName(), change.newType());
    }

    private static final String KINDS =
            Arrays.stream(Kind.values()).map(Kind::name).collect(Collectors.joining(", "));

    private static Optional<Kind> kind(JsonNode kind) {
        return Arrays.stream(Kind.values())
                .filter(value -> kind.isTextual() && value.name().equalsIgnoreCase(kind.asText()))
                .findFirst();
    }

    private List<SchemaChange> changes(JsonNode list, String trinoNamespace) {
        if (list.size() > limits.maxSchemaChanges()) {
            throw tooMany("changes", "items", list.size(), limits.maxSchemaChanges(), "max-schema-changes");
        }
        List<SchemaChange> changes = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            JsonNode item = list.get(index);
            String field = "changes[" + index + "]";
            Optional<Kind> kind = kind(item.path("kind"));
            if (kind.isEmpty()) {
                errors.add(new FieldError(field + ".kind", "must be one of " + KINDS));
                continue;
            }
            try {
                String dataset = item.path("dataset").asText("").toLowerCase(Locale.ROOT);
                if (dataset.split("\\.", -1).length != 3) {
                    errors.add(new FieldError(field + ".dataset", "must be catalog.schema.table"));
                    continue;
                }
                changes.add(new SchemaChange(
                        kind.get(),
                        names.node(NodeId.dataset(item.path("namespace").asText(trinoNamespace), dataset)),
                        text(item, "column"),
                        text(item, "newName"),
                        text(item, "newType")));
            } catch (IllegalArgumentException invalid) {
                errors.add(new FieldError(field, invalid.getMessage()));
            }
        }
        if (changes.isEmpty() && errors.isEmpty()) {
            errors.add(new FieldError("changes", "must not be empty"));
        }
        if (!errors.isEmpty()) {
            throw new LineageException(ErrorCode.INVALID_SCHEMA_CHANGE, "the changes are not valid", errors);
        }
        return changes;
    }

    private static Optional<String> text(JsonNode item, String field) {
        JsonNode value = item.path(field);
        return value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText().toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    private static LineageException invalid(String field, String message) {
        return new LineageException(ErrorCode.INVALID_SCHEMA_CHANGE, message, List.of(new FieldError(field, message)));
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "200",
            description = "what is impacted",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ImpactResponse.class)))
    public HttpResponse<ByteBuf> impact(
            HttpRequest<?> http,
            @Nullable @QueryValue String nodeId,
            @Nullable @QueryValue String column,
            @QueryValue(defaultValue = "20") String depth,
            @QueryValue(defaultValue = "true") String includeIndirect,
            @Nullable @QueryValue String asOf,
            @QueryValue(defaultValue = "false") String includeStale,
            @Nullable @QueryValue String domain,
            @QueryValue(defaultValue = "true") String paths) {
        NodeId node = names.node(LineageController.nodeId(nodeId));
        boolean withPaths = Parameters.flag("paths", paths);
        if (node.type() != NodeId.Type.DATASET) {
            throw Parameters.invalid("nodeId", "must name a dataset (dataset:<namespace>:<name>)");
        }
        int hops = LineageController.depth(depth);
        boolean indirect = Parameters.flag("includeIndirect", includeIndirect);
        EdgeWindow window =
                history.window(Parameters.instant("asOf", asOf), Parameters.flag("includeStale", includeStale));
        Set<String> domains = Parameters.names(domain);
        if (datasets.findVisible(node.namespace(), node.name()).isEmpty()) {
            throw new LineageException(
                    ErrorCode.DATASET_NOT_FOUND, "no dataset " + node.namespace() + ":" + node.name());
        }
        Deadline deadline = Deadlines.of(http, limits);
        Impact impact;
        if (column == null) {
            impact = analysis.datasetImpact(node, hops, config.maxGraphNodes(), window, deadline);
        } else if (column.isBlank()) {
            throw Parameters.invalid("column", "must not be blank");
        } else {
            impact = analysis.columnImpact(node, column, hops, indirect, config.maxGraphNodes(), window, deadline)
                    .orElseThrow(() -> new LineageException(
                            ErrorCode.DATASET_NOT_FOUND, "no dataset " + node.namespace() + ":" + node.name()));
        }
        return HttpResponse.ok(
                JsonBody.of(json -> writeImpact(json, impact, hops, indirect, window, domains, withPaths)));
    }

    /**
     * Writes the answer; with {@code domains}, only the impacted nodes of those domains (all when empty). Each node names
     * the node it was reached from ({@code via}); {@code withPaths} adds its whole shortest path from the start. Written
     * as it is built ({@link JsonBody}): with paths, 10,000 nodes make about 9.5 MB.
     */
    static void writeImpact(
            JsonGenerator json,
            Impact impact,
            int depth,
            boolean includeIndirect,
            EdgeWindow window,
            Set<String> domains,
            boolean withPaths)
            throws IOException {
        // The nodes near the start are on every path: their ids are built once.
        Map<NodeId, String> ids = new HashMap<>();
        json.writeStartObject();
        json.writeStringField("nodeId", impact.start().value());
        json.writeStringField("column", impact.column().orElse(null));
        json.writeNumberField("depth", depth);
        json.writeBooleanField("includeIndirect", includeIndirect);
        json.writeStringField("asOf", window.asOf().map(Instant::toString).orElse(null));
        json.writeBooleanField("includeStale", window.includeStale());
        json.writeArrayFieldStart("domains");
        for (String domain : domains) {
            json.writeString(domain);
        }
        json.writeEndArray();
        json.writeBooleanField("truncated", impact.truncated());
        TreeMap<String, Integer> byDomain = new TreeMap<>();
        int[] counts = new int[NodeId.Type.values().length];
        json.writeArrayFieldStart("impacted");
        for (ImpactedNode node : impact.impacted()) {
            if (!domains.isEmpty() && !domains.contains(node.domain().name())) {
                continue;
            }
            json.writeStartObject();
            json.writeStringField("id", ids.computeIfAbsent(node.node(), NodeId::value));
            json.writeStringField("type", type(node.node()));
            json.writeStringField("namespace", node.node().namespace());
            json.writeStringField("name", node.node().name());
            json.writeStringField("field", node.node().field().orElse(null));
            json.writeNumberField("distance", node.distance());
            json.writeStringField("domain", node.domain().name());
            json.writeStringField("owner", node.domain().owner().orElse(null));
            json.writeStringField("contact", node.domain().contact().orElse(null));
            json.writeStringField("source", node.source().orElse(null));
            Optional<Instant> lastSeen = node.lastSeen().map(OffsetDateTime::toInstant);
            json.writeStringField("lastSeen", lastSeen.map(Instant::toString).orElse(null));
            json.writeBooleanField("stale", lastSeen.map(window::isStale).orElse(false));
            List<NodeId> steps = node.path();
            json.writeStringField(
                    "via", steps.size() < 2 ? null : ids.computeIfAbsent(steps.get(steps.size() - 2), NodeId::value));
            if (withPaths) {
                json.writeArrayFieldStart("path");
                for (NodeId step : steps) {
                    json.writeString(ids.computeIfAbsent(step, NodeId::value));
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            counts[node.node().type().ordinal()]++;
            if (node.node().type() == NodeId.Type.DATASET) {
                byDomain.merge(node.domain().name(), 1, Integer::sum);
            }
        }
        json.writeEndArray();
        json.writeObjectFieldStart("summary");
        json.writeNumberField("datasets", counts[NodeId.Type.DATASET.ordinal()]);
        json.writeNumberField("jobs", counts[NodeId.Type.JOB.ordinal()]);
        json.writeNumberField("fields", counts[NodeId.Type.DATASET_FIELD.ordinal()]);
        json.writeObjectFieldStart("datasetsByDomain");
        for (Map.Entry<String, Integer> domain : byDomain.entrySet()) {
            json.writeNumberField(domain.getKey(), domain.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
    }

    private static String type(NodeId node) {
        return switch (node.type()) {
            case DATASET -> "DATASET";
            case JOB -> "JOB";
            case DATASET_FIELD -> "DATASET_FIELD";
        };
    }
}
