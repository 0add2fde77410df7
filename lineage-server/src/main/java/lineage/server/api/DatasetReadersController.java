package lineage.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import lineage.server.domain.Domains;
import lineage.server.graph.LineageGraph;

/**
 * {@code GET /api/v1/datasets/most-read?limit=10}: the datasets that the most jobs read now (the current lineage graph,
 * as {@code /api/v1/lineage} shows it), most first, then by node id; the web UI's first page shows them.
 */
@Controller("/api/v1/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DatasetReadersController {
    private static final String DEFAULT_LIMIT = "10";

    private final LineageGraph graph;
    private final Domains domains;

    public DatasetReadersController(LineageGraph graph, Domains domains) {
        this.graph = graph;
        this.domains = domains;
    }

    @Get(uri = "/most-read", produces = MediaType.APPLICATION_JSON)
    public MostReadDatasetsResponse mostRead(@QueryValue(defaultValue = DEFAULT_LIMIT) String limit) {
        int count = Paging.parse(limit, Paging.DEFAULT_OFFSET).limit();
        return new MostReadDatasetsResponse(
                graph.mostRead(count).stream().map(this::dataset).toList());
    }

    private MostReadDatasetsResponse.Dataset dataset(LineageGraph.Readers readers) {
        return new MostReadDatasetsResponse.Dataset(
                readers.dataset().value(),
                readers.dataset().namespace(),
                readers.dataset().name(),
                domains.of(readers.dataset()).name(),
                readers.jobs());
    }
}
