package lineage.server.api;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.store.SourceRepository;

/** Marquez's {@code /api/v1/sources}: the data sources datasets name, by name, and one source. */
@Controller("/api/v1/sources")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SourceController {
    private final SourceRepository sources;

    public SourceController(SourceRepository sources) {
        this.sources = sources;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public SourcesResponse list(
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        return new SourcesResponse(sources.findPage(paging.limit(), paging.offset()).stream()
                .map(SourceResponse::of)
                .toList());
    }

    @Get(uri = "/{source}", produces = MediaType.APPLICATION_JSON)
    public SourceResponse get(@PathVariable String source) {
        return sources.findById(source)
                .map(SourceResponse::of)
                .orElseThrow(() -> new LineageException(ErrorCode.SOURCE_NOT_FOUND, "no source " + source));
    }
}
