package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;
import java.util.Optional;
import lineage.server.store.SearchReader;

/** Marquez's {@code GET /api/v1/search}: visible datasets and jobs whose name holds {@code q}, ignoring case. */
@Controller("/api/v1/search")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SearchController {
    private static final String DEFAULT_LIMIT = "10";

    private final SearchReader search;

    public SearchController(SearchReader search) {
        this.search = search;
    }

    /**
     * {@code {"totalCount": N, "results": [{type, name, updatedAt, namespace, nodeId}...]}}. {@code totalCount} counts
     * every match, not only the {@code limit} returned (Marquez counts the returned ones); {@code namespace} narrows the
     * search to one namespace (Marquez accepts and ignores it).
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public SearchResponse search(
            @Nullable @QueryValue String q,
            @Nullable @QueryValue String filter,
            @QueryValue(defaultValue = "name") String sort,
            @QueryValue(defaultValue = DEFAULT_LIMIT) String limit,
            @Nullable @QueryValue String namespace) {
        if (q == null || q.isBlank()) {
            throw Parameters.invalid("q", "is required and must not be blank");
        }
        SearchReader.Query query = new SearchReader.Query(
                q,
                type(filter),
                Optional.ofNullable(namespace).filter(name -> !name.isEmpty()),
                sort(sort),
                Paging.parse(limit, Paging.DEFAULT_OFFSET).limit());
        return SearchResponse.of(search.search(query));
    }

    private static Optional<SearchReader.Type> type(@Nullable String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.empty();
        }
        return switch (filter.toLowerCase(Locale.ROOT)) {
            case "dataset" -> Optional.of(SearchReader.Type.DATASET);
            case "job" -> Optional.of(SearchReader.Type.JOB);
            default -> throw Parameters.invalid("filter", "must be dataset or job");
        };
    }

    private static SearchReader.Sort sort(String sort) {
        return switch (sort.toLowerCase(Locale.ROOT)) {
            case "name" -> SearchReader.Sort.NAME;
            case "updated_at" -> SearchReader.Sort.UPDATED_AT;
            default -> throw Parameters.invalid("sort", "must be name or updated_at");
        };
    }
}
