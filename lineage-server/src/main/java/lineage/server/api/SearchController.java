package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import lineage.server.identity.Alias;
import lineage.server.identity.Identity;
import lineage.server.store.DatasetRepository;
import lineage.server.store.DatasetRow;
import lineage.server.store.SearchReader;

/**
 * Marquez's {@code GET /api/v1/search}: visible datasets and jobs whose name holds {@code q}, ignoring case, and the
 * datasets one of whose aliases does (docs/identity.md).
 */
@Controller("/api/v1/search")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SearchController {
    private static final String DEFAULT_LIMIT = "10";

    private final SearchReader search;
    private final Identity identity;
    private final DatasetRepository datasets;

    public SearchController(SearchReader search, Identity identity, DatasetRepository datasets) {
        this.search = search;
        this.identity = identity;
        this.datasets = datasets;
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
        return SearchResponse.of(withAliases(search.search(query), query));
    }

    /**
     * The page with the datasets whose other names (learned or added aliases of one dataset) hold the text: a search
     * for a PostgreSQL or Hive name finds the canonical node. They come after the datasets found by their own names.
     */
    private SearchReader.SearchPage withAliases(SearchReader.SearchPage page, SearchReader.Query query) {
        if (query.type().filter(type -> type != SearchReader.Type.DATASET).isPresent()) {
            return page;
        }
        String text = query.text().toLowerCase(Locale.ROOT);
        Set<String> found = new HashSet<>();
        page.hits().forEach(hit -> found.add(hit.type() + "\n" + hit.namespace() + "\n" + hit.name()));
        List<SearchReader.Hit> hits = new ArrayList<>(page.hits());
        long added = 0;
        for (Alias alias : identity.aliases().all()) {
            if (alias.isNamespace()
                    || alias.origin() == Alias.Origin.CATALOG_MAPPING
                    || !alias.aliasName().toLowerCase(Locale.ROOT).contains(text)
                    // Found by its own name already, on this page or beyond it: counted once.
                    || alias.canonicalName().toLowerCase(Locale.ROOT).contains(text)
                    || query.namespace()
                            .filter(namespace -> !namespace.equals(alias.canonicalNamespace()))
                            .isPresent()
                    || !found.add(SearchReader.Type.DATASET + "\n" + alias.canonicalNamespace() + "\n"
                            + alias.canonicalName())) {
                continue;
            }
            Optional<DatasetRow> dataset = datasets.findVisible(alias.canonicalNamespace(), alias.canonicalName());
            if (dataset.isEmpty()) {
                continue;
            }
            added++;
            if (hits.size() < query.limit()) {
                hits.add(new SearchReader.Hit(
                        SearchReader.Type.DATASET,
                        dataset.get().namespace(),
                        dataset.get().name(),
                        dataset.get().updatedAt().atOffset(ZoneOffset.UTC)));
            }
        }
        return added == 0 ? page : new SearchReader.SearchPage(hits, page.totalCount() + added);
    }

    /** Marquez's {@code SearchFilter} (DATASET, JOB), bound leniently as Marquez binds it. */
    private static Optional<SearchReader.Type> type(@Nullable String filter) {
        if (filter == null || filter.isEmpty()) {
            return Optional.empty();
        }
        return switch (Parameters.constant(filter)) {
            case "DATASET" -> Optional.of(SearchReader.Type.DATASET);
            case "JOB" -> Optional.of(SearchReader.Type.JOB);
            default -> throw Parameters.invalid("filter", "must be DATASET or JOB");
        };
    }

    /**
     * Marquez's {@code SearchSort} (NAME, UPDATE_AT), bound leniently as Marquez binds it, and this server's own
     * {@code updated_at}.
     */
    private static SearchReader.Sort sort(String sort) {
        return switch (Parameters.constant(sort)) {
            case "NAME" -> SearchReader.Sort.NAME;
            case "UPDATE_AT", "UPDATED_AT" -> SearchReader.Sort.UPDATED_AT;
            default -> throw Parameters.invalid("sort", "must be NAME or UPDATE_AT");
        };
    }
}
