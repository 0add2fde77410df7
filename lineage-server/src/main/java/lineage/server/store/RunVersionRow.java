package lineage.server.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/** The job version a run ran, {@code null} when the store cannot tell. */
@Introspected
public record RunVersionRow(UUID runId, @Nullable UUID jobVersion) {}
