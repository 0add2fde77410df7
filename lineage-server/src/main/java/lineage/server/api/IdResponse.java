package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** A dataset's or a job's id in Marquez's shape: {@code {"namespace": ..., "name": ...}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IdResponse(String namespace, String name) {}
