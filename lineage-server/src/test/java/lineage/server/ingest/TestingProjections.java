package lineage.server.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import lineage.server.model.EdgeChange;
import lineage.server.model.NodeId;
import lineage.server.store.RunRow;

/** Projections for the folds' tests: one builder per event, at minute {@code minute} of a fixed hour. */
final class TestingProjections {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final NodeId JOB = NodeId.job("ns", "job");
    static final UUID RUN = UUID.fromString("00000000-0000-0000-0000-000000000001");

    private final OffsetDateTime time;
    private Optional<Projection.JobWrite> job = Optional.empty();
    private Optional<RunRow> run = Optional.empty();
    private final List<Projection.DatasetWrite> datasets = new ArrayList<>();
    private final List<Projection.EdgeSet> edges = new ArrayList<>();
    private final List<Projection.ColumnEdge> columns = new ArrayList<>();

    private TestingProjections(int minute) {
        this.time = time(minute);
    }

    static TestingProjections at(int minute) {
        return new TestingProjections(minute);
    }

    static OffsetDateTime time(int minute) {
        return OffsetDateTime.parse("2026-12-07T10:00:00Z").plusMinutes(minute);
    }

    static ObjectNode json(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException exception) {
            throw new IllegalArgumentException(text, exception);
        }
    }

    static ArrayNode fields(String... names) {
        ArrayNode fields = JSON.createArrayNode();
        for (String name : names) {
            fields.addObject().put("name", name).put("type", "varchar");
        }
        return fields;
    }

    static NodeId dataset(String name) {
        return NodeId.dataset("ns", name);
    }

    TestingProjections job(NodeId node, String type, String facets) {
        job = Optional.of(new Projection.JobWrite(node, type, json(facets)));
        return this;
    }

    TestingProjections run(String state, String facets) {
        return run(RUN, state, facets);
    }

    TestingProjections run(UUID id, String state, String facets) {
        if (job.isEmpty()) {
            job(JOB, "BATCH", "{}");
        }
        boolean terminal = !state.equals("RUNNING");
        run = Optional.of(new RunRow(
                id,
                job.get().node(),
                state,
                terminal ? null : time,
                terminal ? time : null,
                null,
                null,
                null,
                null,
                facets,
                time));
        return this;
    }

    TestingProjections dataset(NodeId node, String facets, Optional<ArrayNode> fields, boolean partial) {
        datasets.add(new Projection.DatasetWrite(node, json(facets), fields, partial, Optional.empty()));
        return this;
    }

    TestingProjections edges(EdgeChange.Direction direction, boolean authoritative, NodeId... nodes) {
        return edges(direction, "openlineage", authoritative, nodes);
    }

    TestingProjections edges(EdgeChange.Direction direction, String source, boolean authoritative, NodeId... nodes) {
        if (job.isEmpty()) {
            job(JOB, "BATCH", "{}");
        }
        edges.add(new Projection.EdgeSet(direction, source, authoritative, List.of(nodes)));
        return this;
    }

    TestingProjections column(NodeId output, String outputField, NodeId input, String inputField, String description) {
        columns.add(new Projection.ColumnEdge(
                output,
                outputField,
                input,
                inputField,
                "DIRECT",
                "IDENTITY",
                Optional.ofNullable(description),
                "openlineage"));
        return this;
    }

    Projection build() {
        List<String> namespaces =
                job.map(write -> List.of(write.node().namespace())).orElse(List.of());
        return new Projection(time, namespaces, job, run, datasets, edges, Optional.empty(), columns);
    }
}
