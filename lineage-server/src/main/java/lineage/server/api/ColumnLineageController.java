package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.history.GraphHistory;
import lineage.server.model.EdgeWindow;
import lineage.server.model.NodeId;
import lineage.server.store.ColumnLineageReader;
import lineage.server.store.ColumnLineageWalks;
import lineage.server.store.DatasetRepository;
import lineage.server.store.DatasetRow;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRow;

/**
 * Marquez's {@code GET /api/v1/column-lineage}: the field graph upstream of a field, of a dataset's fields or of the
 * fields a job writes, and downstream too with {@code withDownstream=true}: a {@link ColumnLineageResponse}, its
 * in-edges as Marquez writes them ({@code edges=marquez}, the default) or the way data flows ({@code edges=flow}).
 */
@Controller("/api/v1/column-lineage")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ColumnLineageController {
    private final ColumnLineageReader reader;
    private final CanonicalNames names;
    private final ColumnLineageWalks walks;
    private final GraphHistory history;
    private final DatasetRepository datasets;
    private final JobRepository jobs;
    private final LineageConfig config;

    public ColumnLineageController(
            ColumnLineageReader reader,
            ColumnLineageWalks walks,
            GraphHistory history,
            DatasetRepository datasets,
            JobRepository jobs,
            LineageConfig config,
            CanonicalNames names) {
        this.names = names;
        this.reader = reader;
        this.walks = walks;
        this.history = history;
        this.datasets = datasets;
        this.jobs = jobs;
        this.config = config;
    }

    /**
     * The column lineage graph around a node.
     *
     * @param edges {@code marquez} (default): a field's in-edges run from the field to its input, as Marquez writes
     *     them; {@code flow}: from the input to the field, the way data flows. Out-edges run from the field to its
     *     output either way.
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public ColumnLineageResponse lineage(
            @Nullable @QueryValue String nodeId,
            @QueryValue(defaultValue = "20") String depth,
            @QueryValue(defaultValue = "false") String withDownstream,
            @Nullable @QueryValue String asOf,
            @QueryValue(defaultValue = "false") String includeStale,
            @QueryValue(defaultValue = "marquez") String edges) {
        NodeId node = names.node(nodeId(nodeId));
        ColumnLineageResponse.EdgeOrientation orientation = orientation(edges);
        int hops = LineageController.depth(depth);
        boolean downstream = Parameters.flag("withDownstream", withDownstream);
        List<ColumnLineageReader.Field> start = startFields(node);
        EdgeWindow window =
                history.window(Parameters.instant("asOf", asOf), Parameters.flag("includeStale", includeStale));
        ColumnLineageReader.Walk walk = walks.walk(start, hops, downstream, config.maxGraphNodes(), window);
        return ColumnLineageResponse.of(walk, orientation);
    }

    /** {@code marquez} or {@code flow}, bound as Marquez binds an enum (any case, {@code -} and {@code .} as {@code _}). */
    private static ColumnLineageResponse.EdgeOrientation orientation(String edges) {
        String name = Parameters.constant(edges);
        for (ColumnLineageResponse.EdgeOrientation orientation : ColumnLineageResponse.EdgeOrientation.values()) {
            if (orientation.name().equals(name)) {
                return orientation;
            }
        }
        throw Parameters.invalid(
                "edges",
                "must be marquez (in-edges from the field to its input) or flow (from the input to the field)");
    }

    private static NodeId nodeId(@Nullable String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            throw Parameters.invalid(
                    "nodeId", "is required (datasetField:<namespace>:<dataset>:<field>, dataset:… or job:…)");
        }
        try {
            return NodeId.parse(nodeId);
        } catch (IllegalArgumentException exception) {
            throw Parameters.invalid("nodeId", exception.getMessage());
        }
    }

    /** The fields the walk starts from; a 404 when the node does not exist (or is hidden). */
    private List<ColumnLineageReader.Field> startFields(NodeId node) {
        return switch (node.type()) {
            case JOB -> {
                JobRow job = jobs.findVisible(node.namespace(), node.name())
                        .orElseThrow(() -> new LineageException(ErrorCode.JOB_NOT_FOUND, "no job " + describe(node)));
                yield reader.findFields(reader.findCurrentOutputs(job.id()));
            }
            case DATASET -> reader.findFields(List.of(getDataset(node).id()));
            case DATASET_FIELD -> {
                String field = node.field().orElseThrow();
                List<ColumnLineageReader.Field> fields = reader
                        .findFields(List.of(getDataset(node).id()))
                        .stream()
                        .filter(candidate -> candidate.name().equals(field))
                        .toList();
                if (fields.isEmpty()) {
                    throw new LineageException(
                            ErrorCode.FIELD_NOT_FOUND, "no field " + field + " in dataset " + describe(node));
                }
                yield fields;
            }
        };
    }

    private DatasetRow getDataset(NodeId node) {
        return datasets.findVisible(node.namespace(), node.name())
                .orElseThrow(() -> new LineageException(ErrorCode.DATASET_NOT_FOUND, "no dataset " + describe(node)));
    }

    private static String describe(NodeId node) {
        return node.namespace() + ":" + node.name();
    }
}
