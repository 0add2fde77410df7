package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import lineage.server.identity.Aliases;
import lineage.server.store.DatasetRow;
import lineage.server.store.StatsReader;

/**
 * Marquez's Dataset, plus {@code domain} and {@code aliases} (the dataset's other names, which resolve to it: see
 * docs/identity.md). What the store does not hold is {@code null} ({@code lastLifecycleState}, {@code description});
 * {@code columnLineage} is the dataset's own column lineage (its fields' direct inputs), {@code null} when it has none,
 * as in Marquez; {@code facets} are the latest of each name, as stored.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record DatasetResponse(
        IdResponse id,
        String type,
        String name,
        String physicalName,
        Instant createdAt,
        Instant updatedAt,
        String namespace,
        String sourceName,
        @Nullable String domain,
        List<FieldResponse> fields,
        List<String> tags,
        Instant lastModifiedAt,
        @Nullable String lastLifecycleState,
        @Nullable String description,
        @Nullable UUID currentVersion,
        @Nullable List<DatasetColumnLineageResponse> columnLineage,
        JsonNode facets,
        boolean deleted,
        List<IdResponse> aliases) {
    static final String TYPE = "DB_TABLE";

    /** The dataset with its tags, its fields' tags (by field name) and its column lineage ({@code null}: none). */
    static DatasetResponse of(
            DatasetRow row,
            List<String> tags,
            Map<String, List<String>> fieldTags,
            @Nullable List<DatasetColumnLineageResponse> columnLineage,
            List<Aliases.DatasetName> aliases) {
        JsonNode facets = StoredJson.object(row.facets());
        return new DatasetResponse(
                new IdResponse(row.namespace(), row.name()),
                TYPE,
                row.name(),
                row.name(),
                row.createdAt(),
                row.updatedAt(),
                row.namespace(),
                sourceName(row, facets),
                row.domain(),
                FieldResponse.of(row.fields(), fieldTags),
                tags,
                row.updatedAt(),
                null,
                null,
                row.currentVersion(),
                columnLineage,
                facets,
                row.hidden(),
                aliases.stream()
                        .map(alias -> new IdResponse(alias.namespace(), alias.name()))
                        .toList());
    }

    /**
     * The stored source name; else the name in the {@code dataSource} facet, which is where events carry it; else, as
     * Marquez names the source of a dataset without that facet, {@code default}.
     */
    static String sourceName(DatasetRow row, JsonNode facets) {
        if (row.sourceName() != null) {
            return row.sourceName();
        }
        JsonNode name = facets.path("dataSource").path("name");
        return name.isTextual() ? name.asText() : StatsReader.DEFAULT_SOURCE;
    }
}
