package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;

/**
 * Reads request bodies into {@link LineageEvent}s: malformed JSON is a {@code MALFORMED_JSON} error, valid JSON that
 * breaks the OpenLineage spec or {@link EventLimits} is an {@code INVALID_EVENT} error listing every bad field. Unknown
 * fields and facets are kept in the payload.
 */
public final class EventParser {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private EventParser() {}

    /** The body as JSON, or a {@code MALFORMED_JSON} error naming where it broke. */
    public static JsonNode readTree(byte[] body) {
        if (body.length == 0) {
            throw new LineageException(ErrorCode.MALFORMED_JSON, "the request body is empty");
        }
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new LineageException(ErrorCode.MALFORMED_JSON, "the request body is empty");
            }
            return tree;
        } catch (JsonProcessingException exception) {
            JsonLocation location = exception.getLocation();
            String where =
                    location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new LineageException(
                    ErrorCode.MALFORMED_JSON,
                    "the body is not valid JSON" + where + ": " + firstClause(exception.getOriginalMessage()));
        } catch (IOException exception) {
            throw new LineageException(ErrorCode.MALFORMED_JSON, "the body cannot be read as JSON");
        }
    }

    /**
     * Jackson's message without its source excerpt and parser internals; a message that would still name a Java class
     * or a parser feature is replaced by a plain {@code syntax error}.
     */
    private static String firstClause(String message) {
        String text = message == null ? "syntax error" : message.split("\n", 2)[0];
        for (String internal :
                new String[] {" (start marker", " (for ", ", from `", " (from `", " (not recognized as one since"}) {
            int at = text.indexOf(internal);
            if (at > 0) {
                text = text.substring(0, at);
            }
        }
        long open = text.chars().filter(c -> c == '(').count();
        long close = text.chars().filter(c -> c == ')').count();
        text = open > close ? text.strip() + ")" : text.strip();
        boolean internals = text.contains("`")
                || text.contains("Feature")
                || text.matches("(?s).*\\b(java|javax|jakarta|com\\.fasterxml|io\\.micronaut|io\\.netty)\\..*")
                || text.matches("(?s).*[A-Za-z]Exception\\b.*");
        return internals || text.isEmpty() ? "syntax error" : text;
    }

    /** A valid event, or an {@code INVALID_EVENT} error listing each bad field (prefixed by {@code path}). */
    public static LineageEvent parse(JsonNode node, String path) {
        return parse(node, path, List.of());
    }

    /**
     * A valid event, or an {@code INVALID_EVENT} error listing each bad field (prefixed by {@code path}), the errors
     * of its facets ({@link FacetSchemas}, found beforehand) after the envelope's.
     */
    public static LineageEvent parse(JsonNode node, String path, List<FieldError> facetErrors) {
        List<FieldError> errors = new ArrayList<>();
        if (!node.isObject()) {
            throw new LineageException(
                    ErrorCode.INVALID_EVENT,
                    "an event must be a JSON object",
                    List.of(new FieldError(path.isEmpty() ? "$" : path, "must be an object")));
        }
        List<FieldError> tree = new ArrayList<>();
        EventLimits.checkTree(node, path, tree);
        List<FieldError> limits = new ArrayList<>();
        LineageEvent.Kind kind = kind(node);
        OffsetDateTime eventTime = eventTime(node, path, errors, limits);
        String producer = requiredText(node, "producer", path, errors);
        Optional<LineageEvent.EventType> eventType = eventType(node, path, errors);
        Optional<UUID> runId = Optional.empty();
        Optional<LineageEvent.JobRef> job = Optional.empty();
        Optional<LineageEvent.DatasetRef> dataset = Optional.empty();
        if (kind == LineageEvent.Kind.RUN) {
            runId = runId(node, path, errors);
        }
        if (kind == LineageEvent.Kind.RUN || kind == LineageEvent.Kind.JOB) {
            job = job(node.path("job"), join(path, "job"), errors);
        }
        if (kind == LineageEvent.Kind.DATASET) {
            dataset = datasetRef(node.path("dataset"), join(path, "dataset"), errors);
        }
        Optional<List<LineageEvent.DatasetRef>> inputs = datasets(node, "inputs", path, errors);
        Optional<List<LineageEvent.DatasetRef>> outputs = datasets(node, "outputs", path, errors);
        errors.addAll(facetErrors);
        if (errors.isEmpty()) {
            LineageEvent event =
                    new LineageEvent(kind, eventType, eventTime, runId, job, dataset, inputs, outputs, producer, node);
            EventLimits.checkEvent(event, path, limits);
            if (tree.isEmpty() && limits.isEmpty()) {
                return event;
            }
        }
        // The spec's errors between the tree's and the limits'; the event time's range is in limits twice.
        Set<FieldError> all = new LinkedHashSet<>(tree);
        all.addAll(errors);
        all.addAll(limits);
        List<FieldError> distinct = List.copyOf(all);
        throw new LineageException(
                ErrorCode.INVALID_EVENT,
                "the event breaks the OpenLineage spec in " + distinct.size() + " place(s)",
                distinct);
    }

    /** From the {@code schemaURL} suffix, or else from the shape: {@code run} → RunEvent, {@code dataset} → DatasetEvent. */
    static LineageEvent.Kind kind(JsonNode node) {
        String schema = node.path("schemaURL").asText("");
        if (schema.endsWith("/DatasetEvent")) {
            return LineageEvent.Kind.DATASET;
        }
        if (schema.endsWith("/JobEvent")) {
            return LineageEvent.Kind.JOB;
        }
        if (schema.endsWith("/RunEvent") || node.has("run")) {
            return LineageEvent.Kind.RUN;
        }
        if (node.has("dataset") && !node.has("job")) {
            return LineageEvent.Kind.DATASET;
        }
        return node.has("job") && !node.has("run") && node.has("schemaURL")
                ? LineageEvent.Kind.JOB
                : LineageEvent.Kind.RUN;
    }

    private static OffsetDateTime eventTime(
            JsonNode node, String path, List<FieldError> errors, List<FieldError> limits) {
        String field = join(path, "eventTime");
        JsonNode value = node.get("eventTime");
        if (value == null || value.isNull()) {
            errors.add(new FieldError(field, "is required"));
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be an ISO-8601 date-time string"));
            return OffsetDateTime.now(ZoneOffset.UTC);
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(value.asText());
        } catch (DateTimeParseException withoutOffset) {
            try {
                time = LocalDateTime.parse(value.asText()).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException exception) {
                errors.add(new FieldError(field, "'" + value.asText() + "' is not an ISO-8601 date-time"));
                return OffsetDateTime.now(ZoneOffset.UTC);
            }
        }
        // Checked here too, so that it is reported beside other fields' errors (EventLimits checks it again).
        EventLimits.checkTime(time, field, limits);
        // The instant is what counts (PostgreSQL keeps no offset) and offsets beyond ±15:59 are valid ISO-8601 that
        // PostgreSQL refuses: every time is held in UTC from here on.
        return time.withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Optional<LineageEvent.EventType> eventType(JsonNode node, String path, List<FieldError> errors) {
        JsonNode value = node.get("eventType");
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LineageEvent.EventType.valueOf(value.asText()));
        } catch (IllegalArgumentException exception) {
            errors.add(new FieldError(
                    join(path, "eventType"), "must be one of START, RUNNING, COMPLETE, ABORT, FAIL, OTHER"));
            return Optional.empty();
        }
    }

    private static Optional<UUID> runId(JsonNode node, String path, List<FieldError> errors) {
        String field = join(path, "run.runId");
        JsonNode value = node.path("run").get("runId");
        if (value == null || value.isNull() || value.asText().isEmpty()) {
            errors.add(new FieldError(field, "is required"));
            return Optional.empty();
        }
        Optional<UUID> runId = EventLimits.runId(value.asText());
        if (runId.isEmpty()) {
            errors.add(new FieldError(field, "'" + value.asText() + "' is not a UUID (8-4-4-4-12 hex digits)"));
        }
        return runId;
    }

    private static Optional<LineageEvent.JobRef> job(JsonNode job, String path, List<FieldError> errors) {
        if (!job.isObject()) {
            errors.add(new FieldError(path, "is required"));
            return Optional.empty();
        }
        String namespace = requiredText(job, "namespace", path, errors);
        String name = requiredText(job, "name", path, errors);
        return Optional.of(new LineageEvent.JobRef(namespace, name, facets(job)));
    }

    private static Optional<LineageEvent.DatasetRef> datasetRef(
            JsonNode dataset, String path, List<FieldError> errors) {
        if (!dataset.isObject()) {
            errors.add(new FieldError(path, "is required and must be an object"));
            return Optional.empty();
        }
        String namespace = requiredText(dataset, "namespace", path, errors);
        String name = requiredText(dataset, "name", path, errors);
        return Optional.of(new LineageEvent.DatasetRef(namespace, name, facets(dataset)));
    }

    private static Optional<List<LineageEvent.DatasetRef>> datasets(
            JsonNode node, String key, String path, List<FieldError> errors) {
        JsonNode list = node.get(key);
        if (list == null || list.isNull()) {
            return Optional.empty();
        }
        if (!list.isArray()) {
            errors.add(new FieldError(join(path, key), "must be an array"));
            return Optional.empty();
        }
        List<LineageEvent.DatasetRef> datasets = new ArrayList<>();
        for (int index = 0; index < list.size(); index++) {
            datasetRef(list.get(index), join(path, key) + "[" + index + "]", errors)
                    .ifPresent(datasets::add);
        }
        return Optional.of(datasets);
    }

    private static JsonNode facets(JsonNode node) {
        JsonNode facets = node.get("facets");
        return facets != null && facets.isObject() ? facets : JsonNodeFactory.instance.objectNode();
    }

    private static String requiredText(JsonNode node, String key, String path, List<FieldError> errors) {
        JsonNode value = node.get(key);
        if (value == null
                || value.isNull()
                || !value.isTextual()
                || value.asText().isBlank()) {
            errors.add(new FieldError(
                    join(path, key), value == null || value.isNull() ? "is required" : "must be a non-empty string"));
            return "";
        }
        return value.asText();
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
