package lineage.server.store;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A row of {@code sources}: a data source that datasets' {@code dataSource} facets name, with its last URI. */
@MappedEntity("sources")
public record SourceRow(@Id String name, String connectionUrl, Instant createdAt, Instant updatedAt) {}
