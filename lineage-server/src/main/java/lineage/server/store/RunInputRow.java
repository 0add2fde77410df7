package lineage.server.store;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import java.util.UUID;

/**
 * A dataset a run read: the version of it current when the run started and the run that last wrote it before (each
 * {@code null} when the store knows none).
 */
@Introspected
public record RunInputRow(
        UUID runId, String namespace, String name, @Nullable UUID datasetVersion, @Nullable UUID producedByRunId) {}
