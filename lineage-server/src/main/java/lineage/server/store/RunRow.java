package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.time.OffsetDateTime;
import java.util.UUID;
import lineage.server.model.NodeId;

/**
 * A run as one event (or several, folded) leaves it, to be written into {@code runs}: its job by node (the store
 * writes the job's id), {@code state} in Marquez's names (RUNNING, COMPLETED, FAILED, ABORTED, OTHER), the run facets
 * as canonical JSON text, the time of the event that left it so, and the time of the earliest of the events it holds
 * (the run's {@code created_at}, as Marquez's: the time of the run's first event).
 */
public record RunRow(
        UUID id,
        NodeId job,
        String state,
        @Nullable OffsetDateTime startedAt,
        @Nullable OffsetDateTime endedAt,
        @Nullable OffsetDateTime nominalStart,
        @Nullable OffsetDateTime nominalEnd,
        @Nullable UUID parentRunId,
        @Nullable String errorMessage,
        String facets,
        OffsetDateTime lastEventTime,
        OffsetDateTime firstEventTime) {
    /** The run as one event leaves it. */
    public RunRow(
            UUID id,
            NodeId job,
            String state,
            @Nullable OffsetDateTime startedAt,
            @Nullable OffsetDateTime endedAt,
            @Nullable OffsetDateTime nominalStart,
            @Nullable OffsetDateTime nominalEnd,
            @Nullable UUID parentRunId,
            @Nullable String errorMessage,
            String facets,
            OffsetDateTime eventTime) {
        this(
                id,
                job,
                state,
                startedAt,
                endedAt,
                nominalStart,
                nominalEnd,
                parentRunId,
                errorMessage,
                facets,
                eventTime,
                eventTime);
    }

    public RunRow {
        requireNonNull(id, "id is null");
        requireNonNull(job, "job is null");
        requireNonNull(state, "state is null");
        requireNonNull(facets, "facets is null");
        requireNonNull(lastEventTime, "lastEventTime is null");
        requireNonNull(firstEventTime, "firstEventTime is null");
    }
}
