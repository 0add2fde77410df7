package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;

/**
 * The parts of Marquez's API this server does not offer, each answered with a problem that says why and what to use:
 * the deprecated write APIs (410 {@code DEPRECATED_API}: OpenLineage events replace them), GraphQL (501 {@code
 * NOT_IMPLEMENTED}) and the OpenSearch-backed {@code v2beta} search (503 {@code SEARCH_DISABLED}, as Marquez answers
 * with search disabled, its default). Nothing here reads a body.
 */
@Controller
public class RetiredApiController {
    static final String OPENLINEAGE_WAY = "send OpenLineage events to POST /api/v1/lineage instead";

    @Put(uri = "/api/v1/namespaces/{namespace}/datasets/{dataset}", consumes = MediaType.ALL)
    @ApiResponse(
            responseCode = "410",
            description = "deprecated write API",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void putDataset(@PathVariable String namespace, @PathVariable String dataset) {
        throw gone(
                "PUT /api/v1/namespaces/{namespace}/datasets/{dataset}", "the event that names a dataset creates it");
    }

    @Put(uri = "/api/v1/namespaces/{namespace}/jobs/{job}", consumes = MediaType.ALL)
    @ApiResponse(
            responseCode = "410",
            description = "deprecated write API",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void putJob(@PathVariable String namespace, @PathVariable String job) {
        throw gone("PUT /api/v1/namespaces/{namespace}/jobs/{job}", "a run event of the job creates it");
    }

    @Put(uri = "/api/v1/sources/{source}", consumes = MediaType.ALL)
    @ApiResponse(
            responseCode = "410",
            description = "deprecated write API",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void putSource(@PathVariable String source) {
        throw gone("PUT /api/v1/sources/{source}", "a dataset's dataSource facet names its source");
    }

    @Post(uri = "/api/v1/namespaces/{namespace}/jobs/{job}/runs", consumes = MediaType.ALL)
    @ApiResponse(
            responseCode = "410",
            description = "deprecated write API",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void createRun(@PathVariable String namespace, @PathVariable String job) {
        throw gone(
                "POST /api/v1/namespaces/{namespace}/jobs/{job}/runs", "a run event (eventType START) creates the run");
    }

    @Post(uri = "/api/v1/jobs/runs/{id}/{transition:start|complete|fail|abort}", consumes = MediaType.ALL)
    @ApiResponse(
            responseCode = "410",
            description = "deprecated write API",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void markRun(@PathVariable String id, @PathVariable String transition) {
        throw gone(
                "POST /api/v1/jobs/runs/{id}/" + transition,
                "a run event's eventType (START, COMPLETE, FAIL, ABORT) moves the run");
    }

    @Post(uri = "/api/v1-beta/graphql", consumes = MediaType.ALL)
    @ApiResponse(
            responseCode = "501",
            description = "GraphQL is not offered",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void graphql() {
        throw noGraphql();
    }

    @Get(uri = "/api/v1/schema.json")
    @ApiResponse(
            responseCode = "501",
            description = "GraphQL is not offered",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void graphqlSchema() {
        throw noGraphql();
    }

    @Get(uri = "/api/v2beta/search/{type:jobs|datasets}")
    @ApiResponse(
            responseCode = "503",
            description = "search over OpenSearch is disabled",
            content = @Content(schema = @Schema(implementation = Problem.class)))
    public void openSearch(@PathVariable String type, @Nullable @QueryValue String q) {
        if (q == null || q.isBlank()) {
            throw Parameters.invalid("q", "must not be blank");
        }
        throw new LineageException(
                ErrorCode.SEARCH_DISABLED,
                "full-text search (/api/v2beta/search/" + type + ") needs OpenSearch, which this server does not use,"
                        + " as Marquez answers with search disabled (its default); GET /api/v1/search?q= finds "
                        + type + " by name");
    }

    private static LineageException gone(String endpoint, String how) {
        return new LineageException(
                ErrorCode.DEPRECATED_API,
                endpoint + " was Marquez's deprecated write API and is not offered: " + OPENLINEAGE_WAY + " (" + how
                        + ")");
    }

    private static LineageException noGraphql() {
        return new LineageException(
                ErrorCode.NOT_IMPLEMENTED,
                "GraphQL (Marquez's /api/v1-beta/graphql, off by default there) is not implemented by this server;"
                        + " the REST API under /api/v1 answers the same questions");
    }
}
