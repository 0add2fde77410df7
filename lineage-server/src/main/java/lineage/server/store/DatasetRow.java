package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import java.time.Instant;
import java.util.UUID;

/**
 * A row of {@code datasets}; {@code fields} (a JSON array) and {@code facets} (a JSON object) as JSON text. {@code domain}
 * is the Trino catalog of a dataset in a {@code trino://} namespace (a generated column).
 */
@MappedEntity("datasets")
public record DatasetRow(
        @Id long id,
        String namespace,
        String name,
        @Nullable String sourceName,
        @TypeDef(type = DataType.STRING) String fields,
        @TypeDef(type = DataType.STRING) String facets,
        @Nullable UUID currentVersion,
        Instant createdAt,
        Instant updatedAt,
        @MappedProperty("is_hidden") boolean hidden,
        @Nullable String domain) {}
