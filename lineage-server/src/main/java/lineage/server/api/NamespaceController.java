package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.ingest.Visibility;
import lineage.server.store.NamespaceRepository;
import lineage.server.store.NamespaceRow;
import lineage.server.store.NamespaceStore;

/**
 * Marquez's {@code /api/v1/namespaces}: the visible namespaces by name, one namespace, creating or describing one, and
 * its soft delete.
 */
@Controller("/api/v1/namespaces")
@ExecuteOn(TaskExecutors.BLOCKING)
public class NamespaceController {
    private final NamespaceRepository namespaces;
    private final Visibility visibility;
    private final NamespaceStore store;
    private final CanonicalNames names;

    public NamespaceController(
            NamespaceRepository namespaces, Visibility visibility, NamespaceStore store, CanonicalNames names) {
        this.namespaces = namespaces;
        this.visibility = visibility;
        this.store = store;
        this.names = names;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public NamespacesResponse list(
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        return new NamespacesResponse(namespaces.findVisible(paging.limit(), paging.offset()).stream()
                .map(NamespaceResponse::of)
                .toList());
    }

    @Get(uri = "/{namespace}", produces = MediaType.APPLICATION_JSON)
    public NamespaceResponse get(@PathVariable String namespace) {
        return NamespaceResponse.of(getNamespace(namespaces, namespace));
    }

    /**
     * Creates the namespace or sets its owner (and its description, when the body gives one): {@code {"ownerName":
     * "...", "description": "..."}}, {@code ownerName} required. Answers the namespace; an alias names its canonical
     * namespace.
     */
    @Put(uri = "/{namespace}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public NamespaceResponse put(@PathVariable String namespace, @Body @Nullable byte[] body) {
        NamespaceRequest request = NamespaceRequest.parse(namespace, body);
        String canonical = names.namespace(namespace);
        store.putNamespace(canonical, request.ownerName(), request.description().orElse(null));
        return get(canonical);
    }

    /**
     * Hides the namespace with its datasets and jobs; an event naming one of them shows that one (and the namespace)
     * again. Answers the namespace, {@code isHidden}.
     */
    @Delete(uri = "/{namespace}", produces = MediaType.APPLICATION_JSON)
    public NamespaceResponse delete(@PathVariable String namespace) {
        getNamespace(namespaces, namespace);
        if (!visibility.deleteNamespace(namespace)) {
            throw new LineageException(ErrorCode.NAMESPACE_NOT_FOUND, "no namespace " + namespace);
        }
        return get(namespace);
    }

    /** The namespace, or a 404 {@code NAMESPACE_NOT_FOUND}; the dataset and job endpoints check theirs with it. */
    static NamespaceRow getNamespace(NamespaceRepository namespaces, String namespace) {
        return namespaces
                .findById(namespace)
                .orElseThrow(() -> new LineageException(ErrorCode.NAMESPACE_NOT_FOUND, "no namespace " + namespace));
    }
}
