package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import lineage.server.graph.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageRow;
import lineage.server.store.LineageStore;
import lineage.server.store.RunRow;
import lineage.sql.ColumnLineage;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import lineage.sql.TableRef;

/**
 * Projects a valid event into the model (namespaces, datasets, jobs, runs, edges, column lineage) inside the caller's
 * transaction, and returns the edge changes for the in-memory graph.
 *
 * <p>Edges come from events that say what a run read and wrote: START, RUNNING and COMPLETE (and OTHER) with an
 * {@code inputs}/{@code outputs} key add edges, and COMPLETE is authoritative: the job's other edges in that direction
 * stop being current. An absent key leaves the edges as they are; FAIL and ABORT record the run only. A COMPLETE with a
 * {@code sql} job facet and no datasets gets its lineage from the SQL parser (source {@code sql}).
 */
@Singleton
public class Projector {
    private static final Pattern PUSHDOWN_ARTEFACT = Pattern.compile("[^.]+\\._generated\\._generated_query");
    private static final String ROW_ID = "$row_id";

    private final LineageStore store;
    private final SqlLineageParser sqlParser = new SqlLineageParser();

    public Projector(LineageStore store) {
        this.store = store;
    }

    /**
     * Writes the datasets of a whole batch in one order (namespace, then name) before its events are projected, so that
     * concurrent batches take their row locks in the same order.
     */
    public void prepare(List<LineageEvent> events) {
        TreeMap<String, LineageEvent.DatasetRef> sorted = new TreeMap<>();
        for (LineageEvent event : events) {
            boolean failed = event.eventType()
                    .map(type -> type == LineageEvent.EventType.FAIL || type == LineageEvent.EventType.ABORT)
                    .orElse(false);
            if (failed || event.kind() != LineageEvent.Kind.RUN) {
                continue;
            }
            event.inputs()
                    .ifPresent(inputs -> inputs.forEach(input -> sorted.merge(key(input), input, Projector::merged)));
            event.outputs()
                    .ifPresent(
                            outputs -> outputs.forEach(output -> sorted.merge(key(output), output, Projector::merged)));
        }
        OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
        sorted.values().stream()
                .filter(dataset -> !isArtefact(dataset.name()))
                .forEach(dataset -> store.upsertNamespace(dataset.namespace(), now));
        sorted.values().stream()
                .filter(dataset -> !isArtefact(dataset.name()))
                .forEach(dataset -> dataset(dataset, now, Optional.empty()));
    }

    /** Whether a dataset name is an artefact of Trino's pushdown rather than a table. */
    public static boolean isArtefact(String datasetName) {
        return PUSHDOWN_ARTEFACT.matcher(datasetName).matches();
    }

    public List<EdgeChange> project(LineageEvent event) {
        return switch (event.kind()) {
            case RUN -> runEvent(event);
            case DATASET -> {
                LineageEvent.DatasetRef dataset = event.dataset().orElseThrow();
                if (!isArtefact(dataset.name())) {
                    dataset(dataset, event.eventTime(), Optional.empty());
                }
                yield List.of();
            }
            case JOB -> jobEvent(event);
        };
    }

    private List<EdgeChange> runEvent(LineageEvent event) {
        LineageEvent.JobRef jobRef = event.job().orElseThrow();
        OffsetDateTime time = event.eventTime();
        long jobId = job(jobRef, time);
        UUID runId = event.runId().orElseThrow();
        Optional<LineageEvent.EventType> type = event.eventType();
        store.upsertRun(run(event, jobId, runId));
        if (type.isPresent()
                && (type.get() == LineageEvent.EventType.FAIL || type.get() == LineageEvent.EventType.ABORT)) {
            return List.of();
        }
        boolean complete = type.isPresent() && type.get() == LineageEvent.EventType.COMPLETE;
        Map<String, Long> ids = datasetIds(event, time, runId);
        NodeId jobNode = NodeId.job(jobRef.namespace(), jobRef.name());
        List<EdgeChange> changes = eventEdges(event, jobId, jobNode, complete, ids, runId);
        Optional<String> sql = sqlText(jobRef.facets());
        boolean noDatasets = event.inputs().map(List::isEmpty).orElse(true)
                && event.outputs().map(List::isEmpty).orElse(true);
        if (complete && noDatasets && sql.isPresent()) {
            changes.addAll(fromSql(jobId, jobNode, jobRef.namespace(), sql.get(), time, runId));
        }
        if (complete) {
            jobVersion(jobId, event, sql, time);
        }
        event.outputs().ifPresent(outputs -> columnLineage(outputs, jobId, time, event.edgeSource()));
        return changes;
    }

    /**
     * Writes the event's datasets in one order (namespace, then name) before anything else, so that two transactions
     * that write the same datasets take their row locks in the same order and never deadlock. Returns their ids.
     */
    private Map<String, Long> datasetIds(LineageEvent event, OffsetDateTime time, UUID runId) {
        TreeMap<String, LineageEvent.DatasetRef> sorted = new TreeMap<>();
        event.inputs().ifPresent(inputs -> inputs.forEach(input -> sorted.merge(key(input), input, Projector::merged)));
        event.outputs()
                .ifPresent(outputs -> outputs.forEach(output -> sorted.merge(key(output), output, Projector::merged)));
        sorted.values().removeIf(dataset -> isArtefact(dataset.name()));
        Map<String, Long> existing = store.findDatasetIds(
                sorted.values().stream().map(LineageEvent.DatasetRef::namespace).toList(),
                sorted.values().stream().map(LineageEvent.DatasetRef::name).toList());
        Map<String, Long> ids = new HashMap<>();
        sorted.forEach((key, dataset) -> {
            Long id = existing.get(key);
            if (id == null) {
                ids.put(key, dataset(dataset, time, Optional.ofNullable(runId)));
            } else {
                if (!dataset.facets().isEmpty()) {
                    store.mergeDatasetFacets(id, CanonicalJson.text(dataset.facets()), time);
                }
                schema(id, dataset, time, Optional.ofNullable(runId));
                ids.put(key, id);
            }
        });
        return ids;
    }

    /** A dataset both read and written by the event: the facets of both mentions. */
    private static LineageEvent.DatasetRef merged(LineageEvent.DatasetRef first, LineageEvent.DatasetRef second) {
        ObjectNode facets = first.facets().deepCopy();
        second.facets().fields().forEachRemaining(facet -> facets.set(facet.getKey(), facet.getValue()));
        return new LineageEvent.DatasetRef(first.namespace(), first.name(), facets);
    }

    /** The edges an event reports: its inputs and outputs, each only when the event has the key. */
    private List<EdgeChange> eventEdges(
            LineageEvent event, long jobId, NodeId jobNode, boolean authoritative, Map<String, Long> ids, UUID runId) {
        List<EdgeChange> changes = new ArrayList<>();
        OffsetDateTime time = event.eventTime();
        event.inputs()
                .ifPresent(inputs -> edges(
                        jobId,
                        jobNode,
                        inputs,
                        EdgeChange.Direction.INPUT,
                        authoritative,
                        event.edgeSource(),
                        ids,
                        time,
                        runId,
                        changes));
        event.outputs()
                .ifPresent(outputs -> edges(
                        jobId,
                        jobNode,
                        outputs,
                        EdgeChange.Direction.OUTPUT,
                        authoritative,
                        event.edgeSource(),
                        ids,
                        time,
                        runId,
                        changes));
        return changes;
    }

    private static String key(LineageEvent.DatasetRef dataset) {
        return dataset.namespace() + "\n" + dataset.name();
    }

    private List<EdgeChange> jobEvent(LineageEvent event) {
        LineageEvent.JobRef jobRef = event.job().orElseThrow();
        long jobId = job(jobRef, event.eventTime());
        Map<String, Long> ids = datasetIds(event, event.eventTime(), null);
        NodeId jobNode = NodeId.job(jobRef.namespace(), jobRef.name());
        List<EdgeChange> changes = eventEdges(event, jobId, jobNode, true, ids, null);
        event.outputs().ifPresent(outputs -> columnLineage(outputs, jobId, event.eventTime(), event.edgeSource()));
        return changes;
    }

    private long job(LineageEvent.JobRef job, OffsetDateTime time) {
        store.upsertNamespace(job.namespace(), time);
        String processing = job.facets().path("jobType").path("processingType").asText("BATCH");
        String type = processing.equalsIgnoreCase("STREAMING") ? "STREAM" : "BATCH";
        return store.upsertJob(job.namespace(), job.name(), type, CanonicalJson.text(job.facets()), time);
    }

    private static RunRow run(LineageEvent event, long jobId, UUID runId) {
        JsonNode runFacets = event.payload().path("run").path("facets");
        OffsetDateTime time = event.eventTime();
        String state = event.eventType().map(Projector::state).orElse("OTHER");
        boolean terminal =
                event.eventType().map(LineageEvent.EventType::isTerminal).orElse(false);
        return new RunRow(
                runId,
                jobId,
                state,
                terminal ? null : time,
                terminal ? time : null,
                dateTime(runFacets.path("nominalTime").path("nominalStartTime")),
                dateTime(runFacets.path("nominalTime").path("nominalEndTime")),
                uuid(runFacets.path("parent").path("run").path("runId")),
                text(runFacets.path("errorMessage").path("message")),
                runFacets.isObject() ? CanonicalJson.text(runFacets) : "{}",
                time);
    }

    /** OpenLineage event type → Marquez run state. */
    static String state(LineageEvent.EventType type) {
        return switch (type) {
            case START, RUNNING -> "RUNNING";
            case COMPLETE -> "COMPLETED";
            case ABORT -> "ABORTED";
            case FAIL -> "FAILED";
            case OTHER -> "OTHER";
        };
    }

    private void edges(
            long jobId,
            NodeId jobNode,
            List<LineageEvent.DatasetRef> datasets,
            EdgeChange.Direction direction,
            boolean authoritative,
            String source,
            Map<String, Long> known,
            OffsetDateTime time,
            UUID runId,
            List<EdgeChange> changes) {
        List<Long> ids = new ArrayList<>();
        for (LineageEvent.DatasetRef dataset : datasets) {
            if (isArtefact(dataset.name())) {
                continue;
            }
            Long knownId = known.get(key(dataset));
            long datasetId = knownId != null ? knownId : dataset(dataset, time, Optional.ofNullable(runId));
            ids.add(datasetId);
            changes.add(new EdgeChange(jobNode, NodeId.dataset(dataset.namespace(), dataset.name()), direction, true));
        }
        // An event may name a dataset twice; one edge each.
        store.upsertEdges(jobId, new java.util.LinkedHashSet<>(ids), direction.name(), source, time);
        if (authoritative) {
            for (String[] retired : store.retireOtherEdges(jobId, direction.name(), ids)) {
                changes.add(new EdgeChange(jobNode, NodeId.dataset(retired[0], retired[1]), direction, false));
            }
        }
    }

    private long dataset(LineageEvent.DatasetRef dataset, OffsetDateTime time, Optional<UUID> runId) {
        store.upsertNamespace(dataset.namespace(), time);
        long id = store.upsertDataset(dataset.namespace(), dataset.name(), CanonicalJson.text(dataset.facets()), time);
        schema(id, dataset, time, runId);
        return id;
    }

    /** The schema facet's fields become the dataset's fields (a new dataset version when they change). */
    private void schema(long id, LineageEvent.DatasetRef dataset, OffsetDateTime time, Optional<UUID> runId) {
        JsonNode schemaFields = dataset.facets().path("schema").path("fields");
        if (schemaFields.isArray()) {
            ArrayNode fields = JsonNodeFactory.instance.arrayNode();
            for (JsonNode field : schemaFields) {
                String name = field.path("name").asText("");
                if (name.isEmpty() || name.equals(ROW_ID)) {
                    continue;
                }
                ObjectNode kept = fields.addObject();
                kept.put("name", name);
                kept.put("type", text(field.path("type")));
                kept.put("description", text(field.path("description")));
            }
            store.updateSchema(id, CanonicalJson.text(fields), CanonicalJson.hash(fields), runId.orElse(null), time);
        }
    }

    private void columnLineage(List<LineageEvent.DatasetRef> outputs, long jobId, OffsetDateTime time, String source) {
        for (LineageEvent.DatasetRef output : outputs) {
            JsonNode fields = output.facets().path("columnLineage").path("fields");
            if (!fields.isObject() || isArtefact(output.name())) {
                continue;
            }
            long outputId = dataset(output, time, Optional.empty());
            Iterator<Map.Entry<String, JsonNode>> iterator = fields.fields();
            while (iterator.hasNext()) {
                Map.Entry<String, JsonNode> field = iterator.next();
                if (field.getKey().equals(ROW_ID)) {
                    continue;
                }
                for (JsonNode input : field.getValue().path("inputFields")) {
                    inputField(outputId, field.getKey(), field.getValue(), input, jobId, time, source);
                }
            }
        }
    }

    private void inputField(
            long outputId,
            String outputField,
            JsonNode fieldFacet,
            JsonNode input,
            long jobId,
            OffsetDateTime time,
            String source) {
        String namespace = input.path("namespace").asText("");
        String name = input.path("name").asText("");
        String field = input.path("field").asText("");
        if (namespace.isEmpty() || name.isEmpty() || field.isEmpty() || field.equals(ROW_ID) || isArtefact(name)) {
            return;
        }
        store.upsertNamespace(namespace, time);
        long inputId = store.upsertDataset(namespace, name, "{}", time);
        Map<String, String> transformations = new LinkedHashMap<>();
        for (JsonNode transformation : input.path("transformations")) {
            transformations.put(
                    transformation.path("type").asText("DIRECT") + "/"
                            + transformation.path("subtype").asText(""),
                    text(transformation.path("description")));
        }
        if (transformations.isEmpty()) {
            transformations.put(
                    "DIRECT/" + fieldFacet.path("transformationType").asText(""),
                    text(fieldFacet.path("transformationDescription")));
        }
        transformations.forEach((kind, description) -> {
            String[] parts = kind.split("/", 2);
            store.upsertColumnLineage(new ColumnLineageRow(
                    outputId, outputField, inputId, field, parts[0], parts[1], description, jobId, source, time));
        });
    }

    private List<EdgeChange> fromSql(
            long jobId, NodeId jobNode, String namespace, String sql, OffsetDateTime time, UUID runId) {
        SqlLineage lineage = sqlParser.parse(sql);
        if (lineage.error().isPresent()) {
            return List.of();
        }
        List<EdgeChange> changes = new ArrayList<>();
        edges(
                jobId,
                jobNode,
                refs(namespace, lineage.inputs()),
                EdgeChange.Direction.INPUT,
                true,
                "sql",
                Map.of(),
                time,
                runId,
                changes);
        edges(
                jobId,
                jobNode,
                refs(namespace, lineage.outputs()),
                EdgeChange.Direction.OUTPUT,
                true,
                "sql",
                Map.of(),
                time,
                runId,
                changes);
        for (ColumnLineage edge : lineage.columnLineage()) {
            long outputId = store.upsertDataset(namespace, edge.output().table().qualifiedName(), "{}", time);
            long inputId = store.upsertDataset(namespace, edge.input().table().qualifiedName(), "{}", time);
            store.upsertColumnLineage(new ColumnLineageRow(
                    outputId,
                    edge.output().name(),
                    inputId,
                    edge.input().name(),
                    edge.transformation().type().name(),
                    edge.transformation().subtype().name(),
                    null,
                    jobId,
                    "sql",
                    time));
        }
        return changes;
    }

    private static List<LineageEvent.DatasetRef> refs(String namespace, List<TableRef> tables) {
        List<LineageEvent.DatasetRef> refs = new ArrayList<>();
        for (TableRef table : tables) {
            refs.add(new LineageEvent.DatasetRef(
                    namespace, table.qualifiedName(), JsonNodeFactory.instance.objectNode()));
        }
        return refs;
    }

    private void jobVersion(long jobId, LineageEvent event, Optional<String> sql, OffsetDateTime time) {
        ArrayNode inputs = names(event.inputs().orElse(List.of()));
        ArrayNode outputs = names(event.outputs().orElse(List.of()));
        ObjectNode version = JsonNodeFactory.instance.objectNode();
        version.set("inputs", inputs);
        version.set("outputs", outputs);
        version.put("sql", sql.orElse(null));
        store.updateJobVersion(
                jobId,
                CanonicalJson.hash(version),
                CanonicalJson.text(inputs),
                CanonicalJson.text(outputs),
                sql.orElse(null),
                time);
    }

    private static ArrayNode names(List<LineageEvent.DatasetRef> datasets) {
        TreeSet<String> sorted = new TreeSet<>();
        datasets.stream()
                .filter(dataset -> !isArtefact(dataset.name()))
                .forEach(dataset -> sorted.add(dataset.namespace() + "|" + dataset.name()));
        ArrayNode names = JsonNodeFactory.instance.arrayNode();
        for (String key : sorted) {
            String[] parts = key.split("\\|", 2);
            names.addObject().put("namespace", parts[0]).put("name", parts[1]);
        }
        return names;
    }

    private static Optional<String> sqlText(JsonNode jobFacets) {
        JsonNode query = jobFacets.path("sql").path("query");
        return query.isTextual() && !query.asText().isBlank() ? Optional.of(query.asText()) : Optional.empty();
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static OffsetDateTime dateTime(JsonNode node) {
        try {
            return node.isTextual() ? OffsetDateTime.parse(node.asText()) : null;
        } catch (java.time.format.DateTimeParseException exception) {
            return null;
        }
    }

    private static UUID uuid(JsonNode node) {
        try {
            return node.isTextual() ? UUID.fromString(node.asText()) : null;
        } catch (IllegalArgumentException exception) {
            return null;
        }
    }
}
