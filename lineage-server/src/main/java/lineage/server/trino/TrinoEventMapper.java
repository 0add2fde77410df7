package lineage.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.ingest.EventLimits;
import lineage.server.ingest.LineageEvent;
import lineage.server.ingest.RawEventMapper;

/**
 * Maps the events of Trino's HTTP event listener to the model, like the OpenLineage events of the same query:
 * QueryCreatedEvent → a START without datasets, QueryCompletedEvent → COMPLETE with the engine's lineage (see
 * {@link TrinoLineage}) or FAIL with the error. Run id, job and namespace are those the OpenLineage listener's events of
 * the same query get, so both listeners' events are one run of one job.
 *
 * <p>Told apart by shape: a completed event has {@code endTime} (and {@code statistics}, {@code ioMetadata}); a created
 * event has only {@code createTime}, {@code context} and {@code metadata}. Keys of empty values may be missing.
 */
public final class TrinoEventMapper implements RawEventMapper {
    /** The producer of the log rows that hold raw HTTP listener events. */
    public static final String PRODUCER = "https://github.com/trinodb/trino/plugin/trino-http-event-listener";

    private static final String SCHEMA_URL = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    private final TrinoClusters clusters;
    private final CachedSqlParser parser;
    private final TrinoJobNames jobNames;
    private final TrinoLineage lineage;

    public TrinoEventMapper(TrinoClusters clusters, CachedSqlParser parser) {
        this.clusters = clusters;
        this.parser = parser;
        this.jobNames = new TrinoJobNames(parser);
        this.lineage = new TrinoLineage();
    }

    /** A stored HTTP listener event (no {@code eventTime} or {@code producer}, but {@code metadata}) as it is projected. */
    @Override
    public Optional<LineageEvent> fromStored(JsonNode payload) {
        boolean trino =
                payload.isObject() && payload.has("metadata") && !payload.has("eventTime") && !payload.has("producer");
        return trino ? Optional.of(map(payload).event()) : Optional.empty();
    }

    /** The mapping of a raw event, or an {@code INVALID_TRINO_EVENT} error listing each bad field. */
    public TrinoMapping map(JsonNode body) {
        Checked checked = check(body);
        JsonNode metadata = body.path("metadata");
        JsonNode context = body.path("context");
        UUID runId = TrinoRunIds.of(checked.queryId());
        String namespace = text(metadata.path("uri"))
                .map(uri -> clusters.namespace(uri, TrinoClusters.Listener.HTTP, runId, checked.queryId()))
                .orElseGet(clusters::clusterOrDefault);
        QueryParses query = new QueryParses(parser, checked.sql(), TrinoLineage.options(context));
        String jobName = jobNames.name(query, text(context.path("clientInfo")));
        LineageEvent.JobRef job = new LineageEvent.JobRef(namespace, jobName, jobFacets(checked.sql()));
        boolean failed = checked.completed()
                && (body.path("failureInfo").isObject()
                        || metadata.path("queryState").asText("").equals("FAILED"));
        LineageEvent.EventType type = !checked.completed()
                ? LineageEvent.EventType.START
                : failed ? LineageEvent.EventType.FAIL : LineageEvent.EventType.COMPLETE;
        TrinoLineage.Result datasets = type == LineageEvent.EventType.COMPLETE
                ? lineage.of(body, namespace, query)
                : TrinoLineage.Result.none();
        ObjectNode payload = payload(body, type, checked.time(), runId, job, checked.queryId());
        LineageEvent event = new LineageEvent(
                LineageEvent.Kind.RUN,
                Optional.of(type),
                checked.time(),
                Optional.of(runId),
                Optional.of(job),
                Optional.empty(),
                datasets.inputs(),
                datasets.outputs(),
                PRODUCER,
                payload,
                datasets.source());
        List<FieldError> limits = new ArrayList<>();
        EventLimits.checkEvent(event, "", limits);
        if (!limits.isEmpty()) {
            throw invalid(limits);
        }
        return new TrinoMapping(event, body, datasets.parserDisagrees());
    }

    /** What every query event must have: whether it is a completed one, its query id, its SQL and its time. */
    private record Checked(boolean completed, String queryId, String sql, OffsetDateTime time) {}

    private static Checked check(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(List.of(new FieldError("$", "must be an object")));
        }
        List<FieldError> errors = new ArrayList<>();
        EventLimits.checkTree(body, "", errors);
        boolean completed = body.has("endTime") || body.has("statistics") || body.has("ioMetadata");
        if (!completed && !body.has("createTime")) {
            errors.add(new FieldError(
                    "$", "is neither a QueryCreatedEvent (createTime) nor a QueryCompletedEvent" + " (endTime)"));
        }
        JsonNode metadata = body.path("metadata");
        if (!metadata.isObject()) {
            errors.add(new FieldError("metadata", "is required and must be an object"));
        }
        String queryId = requiredText(metadata, "metadata.queryId", errors);
        String sql = requiredText(metadata, "metadata.query", errors);
        OffsetDateTime time = time(body, completed ? "endTime" : "createTime", errors);
        if (!body.path("context").isMissingNode() && !body.path("context").isObject()) {
            errors.add(new FieldError("context", "must be an object"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return new Checked(completed, queryId, sql, time);
    }

    private static JsonNode jobFacets(String sql) {
        ObjectNode facets = JsonNodeFactory.instance.objectNode();
        facets.putObject("jobType")
                .put("processingType", "BATCH")
                .put("integration", "TRINO")
                .put("jobType", "QUERY");
        facets.putObject("sql").put("query", sql);
        return facets;
    }

    /** The OpenLineage event the projection reads its run facets from: the query's state, user and error. */
    private static ObjectNode payload(
            JsonNode body,
            LineageEvent.EventType type,
            OffsetDateTime time,
            UUID runId,
            LineageEvent.JobRef job,
            String queryId) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("eventType", type.name());
        payload.put("eventTime", time.toString());
        payload.put("producer", PRODUCER);
        payload.put("schemaURL", SCHEMA_URL);
        ObjectNode run = payload.putObject("run");
        run.put("runId", runId.toString());
        ObjectNode facets = run.putObject("facets");
        ObjectNode query = facets.putObject("trino_query_event");
        query.put("queryId", queryId);
        JsonNode metadata = body.path("metadata");
        JsonNode context = body.path("context");
        copy(metadata, "queryState", query);
        copy(metadata, "updateType", query);
        copy(context, "queryType", query);
        copy(context, "user", query);
        copy(context, "source", query);
        copy(context, "catalog", query);
        copy(context, "schema", query);
        JsonNode failure = body.path("failureInfo");
        if (failure.isObject()) {
            text(failure.path("failureMessage")).ifPresent(message -> facets.putObject("errorMessage")
                    .put("message", message)
                    .put("programmingLanguage", "SQL"));
            ObjectNode error = facets.putObject("trino_error");
            copy(failure.path("errorCode"), "code", error);
            copy(failure.path("errorCode"), "name", error);
            copy(failure.path("errorCode"), "type", error);
            copy(failure, "failureType", error);
        }
        payload.putObject("job").put("namespace", job.namespace()).put("name", job.name());
        return payload;
    }

    private static void copy(JsonNode from, String key, ObjectNode to) {
        JsonNode value = from.path(key);
        if (value.isValueNode() && !value.isNull()) {
            to.set(key, value);
        }
    }

    private static String requiredText(JsonNode metadata, String field, List<FieldError> errors) {
        JsonNode value = metadata.path(field.substring(field.indexOf('.') + 1));
        if (!value.isTextual() || value.asText().isBlank()) {
            errors.add(new FieldError(
                    field, value.isMissingNode() || value.isNull() ? "is required" : "must be a non-empty string"));
            return "";
        }
        return value.asText();
    }

    private static OffsetDateTime time(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.path(field);
        if (!value.isTextual()) {
            errors.add(new FieldError(
                    field, value.isMissingNode() || value.isNull() ? "is required" : "must be an ISO-8601 instant"));
            return OffsetDateTime.MIN;
        }
        try {
            return OffsetDateTime.parse(value.asText()).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException exception) {
            errors.add(new FieldError(field, "'" + value.asText() + "' is not an ISO-8601 instant"));
            return OffsetDateTime.MIN;
        }
    }

    static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static LineageException invalid(List<FieldError> errors) {
        return new LineageException(
                ErrorCode.INVALID_TRINO_EVENT,
                "the body is not a Trino query event: " + errors.size() + " problem(s)",
                errors);
    }
}
