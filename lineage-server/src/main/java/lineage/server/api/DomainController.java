package lineage.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import lineage.server.domain.DomainRollup;

/**
 * The data mesh by domain: {@code GET /api/v1/domains} (datasets, jobs and owner of each) and {@code GET
 * /api/v1/domains/graph} (which domain feeds which, how many input → job → output paths, and one as an example).
 */
@Controller("/api/v1/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DomainController {
    private final DomainRollup rollup;

    public DomainController(DomainRollup rollup) {
        this.rollup = rollup;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public DomainsResponse domains() {
        return new DomainsResponse(summaries());
    }

    @Get(uri = "/graph", produces = MediaType.APPLICATION_JSON)
    public DomainGraphResponse graph() {
        return new DomainGraphResponse(
                summaries(),
                rollup.flows().stream().map(DomainGraphResponse.Flow::of).toList());
    }

    private List<DomainResponse> summaries() {
        return rollup.summaries().stream().map(DomainResponse::of).toList();
    }
}
