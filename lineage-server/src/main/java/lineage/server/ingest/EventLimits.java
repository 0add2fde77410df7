package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import lineage.server.error.FieldError;
import lineage.server.model.TimeRange;
import lineage.sql.ColumnLineage;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * What an event may hold so that PostgreSQL can store it and the projection can write it: the one check every source
 * of events goes through before anything is stored (docs/api.md, "What an event may hold"). Each bad field is reported
 * with its JSON path; later checks (facet schemas) belong here too.
 *
 * <ul>
 *   <li>No string and no key anywhere holds NUL ({@code \u0000}) or a lone UTF-16 surrogate: {@code jsonb} and {@code
 *       text} cannot hold them. No number is outside a double's range.
 *   <li>Names are at most {@value #MAX_NAME_BYTES} bytes, namespaces {@value #MAX_NAMESPACE_BYTES}, field names
 *       {@value #MAX_FIELD_BYTES} and column-lineage transformation types and subtypes {@value
 *       #MAX_TRANSFORMATION_BYTES} (UTF-8): they are keys of b-tree indexes, whose rows hold at most 2,704 bytes, and
 *       {@code (namespace, name)} and {@code (output field, input field, type, subtype)} are composite keys.
 *   <li>Times the projection writes (event time, nominal start and end when they parse) lie in {@link TimeRange}.
 *   <li>Run ids (and parent run ids the projection would read) are 8-4-4-4-12 hexadecimal digits, in either case.
 * </ul>
 */
public final class EventLimits {
    public static final int MAX_NAME_BYTES = 1_500;
    public static final int MAX_NAMESPACE_BYTES = 512;
    public static final int MAX_FIELD_BYTES = 1_000;
    public static final int MAX_TRANSFORMATION_BYTES = 100;

    private static final Pattern RUN_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private EventLimits() {}

    /** Every problem of an event and of the JSON it came from, each under {@code path}. */
    public static List<FieldError> check(LineageEvent event, JsonNode received, String path) {
        List<FieldError> errors = new ArrayList<>();
        checkTree(received, path, errors);
        checkEvent(event, path, errors);
        return errors;
    }

    /**
     * A run id as OpenLineage writes it (a UUID's 8-4-4-4-12 hexadecimal digits, either case), or empty. {@link
     * UUID#fromString} alone accepts {@code 1-1-1-1-1} and cuts longer groups short, so two strings could name one run.
     */
    public static Optional<UUID> runId(String text) {
        return RUN_ID.matcher(text).matches() ? Optional.of(UUID.fromString(text)) : Optional.empty();
    }

    /** Every string, key and number of {@code tree}: no NUL, no lone surrogate, no infinite number. */
    public static void checkTree(JsonNode tree, String path, List<FieldError> errors) {
        new TreeWalk(errors).walk(tree, path);
    }

    /** The names, times and run ids of an event the projection writes. */
    public static void checkEvent(LineageEvent event, String path, List<FieldError> errors) {
        checkTime(event.eventTime(), join(path, "eventTime"), errors);
        event.job().ifPresent(job -> names(job.namespace(), job.name(), join(path, "job"), errors));
        event.dataset().ifPresent(dataset -> dataset(dataset, join(path, "dataset"), errors));
        event.inputs().ifPresent(inputs -> datasets(inputs, join(path, "inputs"), errors));
        event.outputs().ifPresent(outputs -> datasets(outputs, join(path, "outputs"), errors));
        JsonNode runFacets = event.payload().path("run").path("facets");
        String facetsPath = join(path, "run.facets");
        nominalTime(runFacets.path("nominalTime"), join(facetsPath, "nominalTime"), errors);
        JsonNode parent = runFacets.path("parent").path("run").path("runId");
        if (parent.isTextual() && runId(parent.asText()).isEmpty() && isLenientUuid(parent.asText())) {
            errors.add(new FieldError(join(facetsPath, "parent.run.runId"), "must be a UUID (8-4-4-4-12 hex digits)"));
        }
    }

    private static void datasets(List<LineageEvent.DatasetRef> datasets, String path, List<FieldError> errors) {
        for (int index = 0; index < datasets.size(); index++) {
            dataset(datasets.get(index), path + "[" + index + "]", errors);
        }
    }

    private static void dataset(LineageEvent.DatasetRef dataset, String path, List<FieldError> errors) {
        names(dataset.namespace(), dataset.name(), path, errors);
        JsonNode fields = dataset.facets().path("columnLineage").path("fields");
        if (!fields.isObject()) {
            return;
        }
        String fieldsPath = join(path, "facets.columnLineage.fields");
        Iterator<Map.Entry<String, JsonNode>> iterator = fields.fields();
        while (iterator.hasNext()) {
            Map.Entry<String, JsonNode> field = iterator.next();
            String fieldPath = fieldsPath + TreeWalk.step(field.getKey());
            length(field.getKey(), MAX_FIELD_BYTES, fieldPath, "a field name", errors);
            columnLineageField(field.getValue(), fieldPath, errors);
        }
    }

    private static void columnLineageField(JsonNode field, String path, List<FieldError> errors) {
        text(field.path("transformationType"), MAX_TRANSFORMATION_BYTES, join(path, "transformationType"), errors);
        JsonNode inputs = field.path("inputFields");
        for (int index = 0; index < inputs.size(); index++) {
            JsonNode input = inputs.path(index);
            String inputPath = join(path, "inputFields") + "[" + index + "]";
            text(input.path("namespace"), MAX_NAMESPACE_BYTES, join(inputPath, "namespace"), errors);
            text(input.path("name"), MAX_NAME_BYTES, join(inputPath, "name"), errors);
            text(input.path("field"), MAX_FIELD_BYTES, join(inputPath, "field"), errors);
            JsonNode transformations = input.path("transformations");
            for (int at = 0; at < transformations.size(); at++) {
                String transformationPath = join(inputPath, "transformations") + "[" + at + "]";
                JsonNode transformation = transformations.path(at);
                text(transformation.path("type"), MAX_TRANSFORMATION_BYTES, join(transformationPath, "type"), errors);
                text(
                        transformation.path("subtype"),
                        MAX_TRANSFORMATION_BYTES,
                        join(transformationPath, "subtype"),
                        errors);
            }
        }
    }

    private static void names(String namespace, String name, String path, List<FieldError> errors) {
        length(namespace, MAX_NAMESPACE_BYTES, join(path, "namespace"), "a namespace", errors);
        length(name, MAX_NAME_BYTES, join(path, "name"), "a name", errors);
    }

    private static void text(JsonNode node, int max, String path, List<FieldError> errors) {
        if (node.isTextual()) {
            length(node.asText(), max, path, "this value", errors);
        }
    }

    private static void length(String value, int max, String path, String what, List<FieldError> errors) {
        // A UTF-8 character is at most 3 bytes per UTF-16 char, so short strings need no encoding.
        if (value.length() * 3 > max) {
            int bytes = value.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > max) {
                errors.add(new FieldError(
                        path, "is " + bytes + " bytes long; " + what + " may hold at most " + max + " bytes (UTF-8)"));
            }
        }
    }

    /**
     * Whether {@link UUID#fromString} reads the text although it is not a run id ({@code 1-1-1-1-1}): the projection
     * would read it as another UUID. Other text is not a UUID at all, and the projection leaves it out.
     */
    private static boolean isLenientUuid(String text) {
        try {
            UUID.fromString(text);
            return true;
        } catch (IllegalArgumentException notUuid) {
            return false;
        }
    }

    /** Nominal times the projection reads (those that parse) must lie in {@link TimeRange}; it leaves others out. */
    private static void nominalTime(JsonNode facet, String path, List<FieldError> errors) {
        for (String key : new String[] {"nominalStartTime", "nominalEndTime"}) {
            JsonNode value = facet.path(key);
            if (!value.isTextual()) {
                continue;
            }
            Optional<OffsetDateTime> time = parsed(value.asText());
            time.ifPresent(readable -> checkTime(readable, join(path, key), errors));
        }
    }

    /** A date-time as the projection reads a nominal time, or empty when it cannot (and leaves it out). */
    private static Optional<OffsetDateTime> parsed(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text));
        } catch (DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    /** A time the projection writes must lie in {@link TimeRange}. */
    public static void checkTime(OffsetDateTime time, String path, List<FieldError> errors) {
        if (!TimeRange.contains(time.toInstant())) {
            errors.add(new FieldError(
                    path, "must lie between " + TimeRange.MIN + " and " + TimeRange.MAX + " (was " + time + ")"));
        }
    }

    /**
     * Whether the lineage parsed from an event's SQL fits the limits (table names as dataset names, column names as
     * field names): the projection writes none of it otherwise, as it writes none of a query it cannot parse.
     */
    static boolean fits(SqlLineage lineage) {
        List<FieldError> errors = new ArrayList<>();
        for (TableRef table : lineage.inputs()) {
            length(table.qualifiedName(), MAX_NAME_BYTES, "sql", "a name", errors);
        }
        for (TableRef table : lineage.outputs()) {
            length(table.qualifiedName(), MAX_NAME_BYTES, "sql", "a name", errors);
        }
        for (ColumnLineage edge : lineage.columnLineage()) {
            length(edge.output().table().qualifiedName(), MAX_NAME_BYTES, "sql", "a name", errors);
            length(edge.input().table().qualifiedName(), MAX_NAME_BYTES, "sql", "a name", errors);
            length(edge.output().name(), MAX_FIELD_BYTES, "sql", "a field name", errors);
            length(edge.input().name(), MAX_FIELD_BYTES, "sql", "a field name", errors);
        }
        return errors.isEmpty();
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
