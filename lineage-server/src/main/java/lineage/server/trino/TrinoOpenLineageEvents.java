package lineage.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import lineage.server.ingest.EventRewriter;
import lineage.server.ingest.LineageEvent;

/**
 * Trino's OpenLineage listener names each job by its query id, so every query would be a job of its own. Its events
 * get the job the HTTP listener's events of the same query get (computed from the {@code sql} job facet, see
 * {@link TrinoJobNames}), and the namespaces of an alias of the cluster become its configured namespace. The run id is
 * kept: it already is {@link TrinoRunIds#of} the query id.
 */
public final class TrinoOpenLineageEvents implements EventRewriter {
    /** The producer of Trino's OpenLineage listener. */
    public static final String PRODUCER = "https://github.com/trinodb/trino/plugin/trino-openlineage";

    private static final Pattern QUERY_ID = Pattern.compile("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}");

    private final TrinoNamespaces namespaces;
    private final TrinoJobNames jobNames;

    public TrinoOpenLineageEvents(TrinoNamespaces namespaces, TrinoJobNames jobNames) {
        this.namespaces = namespaces;
        this.jobNames = jobNames;
    }

    /** The event with its job renamed, when it is a query event of Trino's OpenLineage listener with its SQL. */
    @Override
    public LineageEvent rewrite(LineageEvent event) {
        if (!event.producer().startsWith(PRODUCER) || event.job().isEmpty()) {
            return event;
        }
        LineageEvent.JobRef job = event.job().get();
        Optional<String> sql = TrinoEventMapper.text(job.facets().path("sql").path("query"));
        if (!QUERY_ID.matcher(job.name()).matches() || sql.isEmpty()) {
            return event;
        }
        LineageEvent.JobRef renamed =
                new LineageEvent.JobRef(namespaces.canonical(job.namespace()), jobNames.name(sql.get()), job.facets());
        return new LineageEvent(
                event.kind(),
                event.eventType(),
                event.eventTime(),
                event.runId(),
                Optional.of(renamed),
                event.dataset(),
                event.inputs().map(this::datasets),
                event.outputs().map(this::datasets),
                event.producer(),
                event.payload(),
                event.edgeSource());
    }

    private List<LineageEvent.DatasetRef> datasets(List<LineageEvent.DatasetRef> datasets) {
        return datasets.stream().map(this::dataset).toList();
    }

    private LineageEvent.DatasetRef dataset(LineageEvent.DatasetRef dataset) {
        String namespace = namespaces.canonical(dataset.namespace());
        if (namespace.equals(dataset.namespace())) {
            return dataset;
        }
        JsonNode facets = dataset.facets().deepCopy();
        renameNamespaces(facets);
        return new LineageEvent.DatasetRef(namespace, dataset.name(), facets);
    }

    /** The {@code namespace} values inside facets (column lineage input fields) that name an alias. */
    private void renameNamespaces(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            JsonNode namespace = object.get("namespace");
            if (namespace != null && namespace.isTextual()) {
                object.put("namespace", namespaces.canonical(namespace.asText()));
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                renameNamespaces(field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(this::renameNamespaces);
        }
    }
}
