package lineage.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import lineage.server.domain.DomainRollup;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.model.NodeId;

/**
 * The data mesh by domain: {@code GET /api/v1/domains} (datasets, jobs and owner of each) and {@code GET
 * /api/v1/domains/graph} (which domain feeds which, how many input → job → output paths, and one as an example), and
 * {@code GET /api/v1/domains/{domain}/datasets} (a domain's datasets, where the web UI's domain graph leads).
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

    /** 404 for a name that is neither configured nor the domain of a dataset or job ({@code GET /api/v1/domains}). */
    @Get(uri = "/{domain}/datasets", produces = MediaType.APPLICATION_JSON)
    public DomainDatasetsResponse datasets(
            @PathVariable String domain,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        DomainResponse summary = summaries().stream()
                .filter(candidate -> candidate.name().equals(domain))
                .findFirst()
                .orElseThrow(() -> new LineageException(ErrorCode.DOMAIN_NOT_FOUND, "no domain " + domain));
        List<NodeId> datasets = rollup.datasets(domain);
        return new DomainDatasetsResponse(
                summary,
                datasets.stream()
                        .skip(paging.offset())
                        .limit(paging.limit())
                        .map(DomainDatasetsResponse.Dataset::of)
                        .toList(),
                datasets.size());
    }

    private List<DomainResponse> summaries() {
        return rollup.summaries().stream().map(DomainResponse::of).toList();
    }
}
