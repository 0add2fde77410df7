package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.UUID;

/** A version of a dataset or a job in Marquez's shape: {@code {"namespace": ..., "name": ..., "version": ...}}. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VersionIdResponse(String namespace, String name, UUID version) {}
