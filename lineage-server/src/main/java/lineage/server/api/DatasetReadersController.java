package lineage.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import lineage.server.domain.Domains;
import lineage.server.model.NodeId;
import lineage.server.store.DatasetReadersRow;
import lineage.server.store.ReadershipReader;

/**
 * {@code GET /api/v1/datasets/most-read?limit=10}: the visible datasets that the most visible jobs read now (their
 * current input edges), most first, then by namespace and name; the web UI's first page shows them.
 */
@Controller("/api/v1/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DatasetReadersController {
    private static final String DEFAULT_LIMIT = "10";

    private final ReadershipReader readership;
    private final Domains domains;

    public DatasetReadersController(ReadershipReader readership, Domains domains) {
        this.readership = readership;
        this.domains = domains;
    }

    @Get(uri = "/most-read", produces = MediaType.APPLICATION_JSON)
    public MostReadDatasetsResponse mostRead(@QueryValue(defaultValue = DEFAULT_LIMIT) String limit) {
        int count = Paging.parse(limit, Paging.DEFAULT_OFFSET).limit();
        return new MostReadDatasetsResponse(
                readership.findMostRead(count).stream().map(this::dataset).toList());
    }

    private MostReadDatasetsResponse.Dataset dataset(DatasetReadersRow row) {
        NodeId dataset = NodeId.dataset(row.namespace(), row.name());
        return new MostReadDatasetsResponse.Dataset(
                dataset.value(),
                row.namespace(),
                row.name(),
                domains.of(dataset).name(),
                row.readers());
    }
}
