package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import lineage.server.identity.Aliases;
import lineage.server.identity.Identity;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.RunRow;
import lineage.sql.ColumnLineage;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * Plans what a valid event writes into the model (namespaces, datasets, jobs, runs, edges, column lineage) as a {@link
 * Projection}; {@link ProjectionWriter} writes it. No database access here.
 *
 * <p>Edges come from events that say what a run read and wrote: START, RUNNING and COMPLETE (and OTHER) with an
 * {@code inputs}/{@code outputs} key add edges, and COMPLETE is authoritative: the job's other edges in that direction
 * stop being current. An absent key leaves the edges as they are; FAIL and ABORT record the run only. A COMPLETE with a
 * {@code sql} job facet and no datasets gets its lineage from the SQL parser (source {@code sql}).
 */
@Singleton
public class Projector {
    private static final Pattern PUSHDOWN_ARTEFACT = Pattern.compile("[^.]+\\._generated\\._generated_query");
    /** Trino's row id column, never a field. */
    static final String ROW_ID = "$row_id";

    private final CachedSqlParser sqlParser;
    private final Identity identity;

    public Projector(CachedSqlParser sqlParser, Identity identity) {
        this.sqlParser = sqlParser;
        this.identity = identity;
    }

    /**
     * Whether the producer's schema facets list only the columns a query used rather than the dataset's schema: Trino's
     * listeners do (a MERGE's output lists the updated columns, an input the columns read).
     */
    static boolean reportsPartialSchemas(String producer) {
        return producer.startsWith("https://github.com/trinodb/trino");
    }

    /** Whether a dataset name is an artefact of Trino's pushdown rather than a table. */
    public static boolean isArtefact(String datasetName) {
        return PUSHDOWN_ARTEFACT.matcher(datasetName).matches();
    }

    public Projection plan(LineageEvent event) {
        ProjectionPlan plan = new ProjectionPlan(event.eventTime(), reportsPartialSchemas(event.producer()));
        switch (event.kind()) {
            case RUN -> runEvent(event, plan);
            case DATASET -> {
                // Its facets count as those of a run's output: schema, symlinks, ownership... and column lineage.
                LineageEvent.DatasetRef dataset = event.dataset().orElseThrow();
                if (!isArtefact(dataset.name())) {
                    plan.dataset(dataset, Optional.empty());
                    ColumnLineageFacets.read(List.of(dataset), event.edgeSource(), plan);
                }
            }
            case JOB -> {
                plan.job(event.job().orElseThrow());
                datasets(event, plan, Optional.empty());
                eventEdges(event, plan, true);
                event.outputs().ifPresent(outputs -> ColumnLineageFacets.read(outputs, event.edgeSource(), plan));
            }
        }
        return plan.projection();
    }

    private void runEvent(LineageEvent event, ProjectionPlan plan) {
        LineageEvent.JobRef jobRef = event.job().orElseThrow();
        plan.job(jobRef);
        UUID runId = event.runId().orElseThrow();
        plan.run(run(event, runId));
        Optional<LineageEvent.EventType> type = event.eventType();
        if (type.isPresent()
                && (type.get() == LineageEvent.EventType.FAIL || type.get() == LineageEvent.EventType.ABORT)) {
            return;
        }
        boolean complete = type.isPresent() && type.get() == LineageEvent.EventType.COMPLETE;
        datasets(event, plan, Optional.of(runId));
        eventEdges(event, plan, complete);
        Optional<String> sql = sqlText(jobRef.facets());
        boolean noDatasets = event.inputs().map(List::isEmpty).orElse(true)
                && event.outputs().map(List::isEmpty).orElse(true);
        if (complete && noDatasets && sql.isPresent()) {
            fromSql(jobRef.namespace(), sql.get(), plan);
        }
        if (complete) {
            plan.jobVersion(jobVersion(event, sql));
        }
        event.outputs().ifPresent(outputs -> ColumnLineageFacets.read(outputs, event.edgeSource(), plan));
    }

    /** The event's inputs and outputs (a dataset both read and written carries the facets of both mentions). */
    private static void datasets(LineageEvent event, ProjectionPlan plan, Optional<UUID> runId) {
        event.inputs().ifPresent(inputs -> inputs.forEach(input -> plan.dataset(input, runId)));
        event.outputs().ifPresent(outputs -> outputs.forEach(output -> plan.dataset(output, runId)));
    }

    /** The edges an event reports: its inputs and outputs, each only when the event has the key. */
    private static void eventEdges(LineageEvent event, ProjectionPlan plan, boolean authoritative) {
        event.inputs()
                .ifPresent(inputs ->
                        plan.edges(EdgeChange.Direction.INPUT, event.edgeSource(), authoritative, nodes(inputs)));
        event.outputs()
                .ifPresent(outputs ->
                        plan.edges(EdgeChange.Direction.OUTPUT, event.edgeSource(), authoritative, nodes(outputs)));
    }

    private static List<NodeId> nodes(List<LineageEvent.DatasetRef> datasets) {
        return datasets.stream()
                .filter(dataset -> !isArtefact(dataset.name()))
                .map(dataset -> NodeId.dataset(dataset.namespace(), dataset.name()))
                .toList();
    }

    private static RunRow run(LineageEvent event, UUID runId) {
        JsonNode runFacets = event.payload().path("run").path("facets");
        OffsetDateTime time = event.eventTime();
        String state = event.eventType().map(Projector::state).orElse("OTHER");
        boolean terminal =
                event.eventType().map(LineageEvent.EventType::isTerminal).orElse(false);
        LineageEvent.JobRef job = event.job().orElseThrow();
        return new RunRow(
                runId,
                NodeId.job(job.namespace(), job.name()),
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

    /** Lineage parsed from the job's SQL: authoritative edges and column lineage, source {@code sql}. */
    private void fromSql(String namespace, String sql, ProjectionPlan plan) {
        SqlLineage lineage = sqlParser.parse(sql);
        if (lineage.error().isPresent() || !EventLimits.fits(lineage)) {
            return;
        }
        Aliases aliases = identity.aliases();
        plan.edges(EdgeChange.Direction.INPUT, "sql", true, tables(aliases, namespace, lineage.inputs(), plan));
        plan.edges(EdgeChange.Direction.OUTPUT, "sql", true, tables(aliases, namespace, lineage.outputs(), plan));
        for (ColumnLineage edge : lineage.columnLineage()) {
            NodeId output = table(aliases, namespace, edge.output().table().qualifiedName(), plan);
            NodeId input = table(aliases, namespace, edge.input().table().qualifiedName(), plan);
            plan.columnEdge(new Projection.ColumnEdge(
                    output,
                    edge.output().name(),
                    input,
                    edge.input().name(),
                    edge.transformation().type().name(),
                    edge.transformation().subtype().name(),
                    Optional.empty(),
                    "sql"));
        }
    }

    private static List<NodeId> tables(Aliases aliases, String namespace, List<TableRef> tables, ProjectionPlan plan) {
        List<NodeId> nodes = new ArrayList<>();
        for (TableRef table : tables) {
            if (!isArtefact(table.qualifiedName())) {
                nodes.add(table(aliases, namespace, table.qualifiedName(), plan));
            }
        }
        return nodes;
    }

    /** A table the SQL names, in the job's namespace, with its canonical identity. */
    private static NodeId table(Aliases aliases, String namespace, String name, ProjectionPlan plan) {
        Aliases.DatasetName canonical = aliases.dataset(namespace, name);
        return plan.dataset(canonical.namespace(), canonical.name());
    }

    private static Projection.JobVersionWrite jobVersion(LineageEvent event, Optional<String> sql) {
        ArrayNode inputs = names(event.inputs().orElse(List.of()));
        ArrayNode outputs = names(event.outputs().orElse(List.of()));
        ObjectNode version = JsonNodeFactory.instance.objectNode();
        version.set("inputs", inputs);
        version.set("outputs", outputs);
        version.put("sql", sql.orElse(null));
        return new Projection.JobVersionWrite(CanonicalJson.hash(version), inputs, outputs, sql);
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

    static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static OffsetDateTime dateTime(JsonNode node) {
        try {
            return node.isTextual() ? OffsetDateTime.parse(node.asText()).withOffsetSameInstant(ZoneOffset.UTC) : null;
        } catch (DateTimeParseException exception) {
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
