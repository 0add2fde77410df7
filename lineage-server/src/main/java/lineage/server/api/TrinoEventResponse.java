package lineage.server.api;

import io.micronaut.serde.annotation.Serdeable;

/** {@code POST /api/v1/trino/events}: an empty object once the event is durable and visible. */
@Serdeable
public record TrinoEventResponse() {}
