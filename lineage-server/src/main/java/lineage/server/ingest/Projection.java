package lineage.server.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.RunRow;

/**
 * What one event writes into the model, by name (no database ids): {@link Projector} plans it from the event, and
 * {@link ProjectionWriter} writes a list of them with a few set-based statements. Lists are in the event's order.
 */
public record Projection(
        OffsetDateTime time,
        List<String> namespaces,
        Optional<JobWrite> job,
        Optional<RunRow> run,
        List<DatasetWrite> datasets,
        List<EdgeSet> edges,
        Optional<JobVersionWrite> jobVersion,
        List<ColumnEdge> columnLineage) {
    public Projection {
        requireNonNull(time, "time is null");
        namespaces = List.copyOf(namespaces);
        requireNonNull(job, "job is null");
        requireNonNull(run, "run is null");
        datasets = List.copyOf(datasets);
        edges = List.copyOf(edges);
        requireNonNull(jobVersion, "jobVersion is null");
        columnLineage = List.copyOf(columnLineage);
    }

    /** The job an event names: its facets are merged into the stored ones. */
    public record JobWrite(NodeId node, String type, ObjectNode facets) {}

    /**
     * A dataset an event names, with the facets it carries and the schema (fields) it was seen with, if any. A partial
     * schema lists only some of the dataset's fields (Trino reports the columns a query used): it adds to the known
     * fields instead of replacing them.
     */
    public record DatasetWrite(
            NodeId node, ObjectNode facets, Optional<ArrayNode> fields, boolean partialSchema, Optional<UUID> runId) {}

    /**
     * The datasets the job read or wrote, as one event reports them. An authoritative set is all the job's current
     * edges of that direction: the others stop being current.
     */
    public record EdgeSet(EdgeChange.Direction direction, String source, boolean authoritative, List<NodeId> datasets) {
        public EdgeSet {
            datasets = List.copyOf(datasets);
        }
    }

    /** The job's version after a completed run: what it read and wrote and its SQL. */
    public record JobVersionWrite(String hash, ArrayNode inputs, ArrayNode outputs, Optional<String> sql) {}

    /** One input field reaching one output field. */
    public record ColumnEdge(
            NodeId output,
            String outputField,
            NodeId input,
            String inputField,
            String transformation,
            String subtype,
            Optional<String> description,
            String source) {}
}
