package lineage.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.List;
import lineage.server.config.TrinoSyncConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;
import lineage.server.ingest.EventParser;
import lineage.server.trino.TrinoCatalogSync;

/**
 * {@code POST /api/v1/trino/sync}: reads the view definitions and columns of the configured catalogs
 * ({@code lineage.trino.sync.catalogs}), or of those the body names ({@code {"catalogs": ["insights"]}}), now. Answers
 * 200 once what was read is durable and visible.
 */
@Controller("/api/v1/trino/sync")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrinoSyncController {
    private final TrinoCatalogSync sync;
    private final TrinoSyncConfig config;

    public TrinoSyncController(TrinoCatalogSync sync, TrinoSyncConfig config) {
        this.sync = sync;
        this.config = config;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public TrinoSyncResponse post(@Body @Nullable byte[] body) {
        List<String> catalogs =
                body == null || body.length == 0 ? config.catalogs() : catalogs(EventParser.readTree(body));
        if (catalogs.isEmpty()) {
            throw invalid(List.of(new FieldError(
                    "catalogs", "is empty: name catalogs in the body or in lineage.trino.sync.catalogs")));
        }
        List<TrinoSyncResponse.Catalog> results = sync.sync(catalogs).stream()
                .map(result -> new TrinoSyncResponse.Catalog(
                        result.catalog(),
                        result.views(),
                        result.tables(),
                        result.viewsChanged(),
                        result.tablesChanged()))
                .toList();
        return new TrinoSyncResponse(results);
    }

    private static List<String> catalogs(JsonNode body) {
        if (!body.isObject()) {
            throw invalid(List.of(new FieldError("$", "must be an object")));
        }
        JsonNode catalogs = body.path("catalogs");
        if (catalogs.isMissingNode() || catalogs.isNull()) {
            return List.of();
        }
        if (!catalogs.isArray()) {
            throw invalid(List.of(new FieldError("catalogs", "must be an array of catalog names")));
        }
        List<String> names = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int index = 0; index < catalogs.size(); index++) {
            JsonNode catalog = catalogs.get(index);
            if (!catalog.isTextual()
                    || !TrinoSyncConfig.CATALOG.matcher(catalog.asText()).matches()) {
                errors.add(new FieldError(
                        "catalogs[" + index + "]",
                        "must be a catalog name (letters, digits and _, not first a digit)"));
            } else if (!names.contains(catalog.asText())) {
                names.add(catalog.asText());
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return names;
    }

    private static LineageException invalid(List<FieldError> errors) {
        return new LineageException(
                ErrorCode.INVALID_PARAMETER, "the sync request is invalid: " + errors.size() + " problem(s)", errors);
    }
}
