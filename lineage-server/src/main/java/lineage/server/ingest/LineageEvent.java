package lineage.server.ingest;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A valid OpenLineage event (RunEvent, DatasetEvent or JobEvent), with the payload kept verbatim. {@code inputs} and
 * {@code outputs} are empty when the event has no such key (Trino's START events), which is not the same as an empty
 * list. {@code edgeSource} is what the edges and column lineage it reports are marked with: {@code openlineage} for
 * an OpenLineage event, {@code trino} or {@code sql} for one mapped from a Trino query event.
 */
public record LineageEvent(
        Kind kind,
        Optional<EventType> eventType,
        OffsetDateTime eventTime,
        Optional<UUID> runId,
        Optional<JobRef> job,
        Optional<DatasetRef> dataset,
        Optional<List<DatasetRef>> inputs,
        Optional<List<DatasetRef>> outputs,
        String producer,
        JsonNode payload,
        String edgeSource) {
    public LineageEvent {
        requireNonNull(kind, "kind is null");
        requireNonNull(eventType, "eventType is null");
        requireNonNull(eventTime, "eventTime is null");
        requireNonNull(runId, "runId is null");
        requireNonNull(job, "job is null");
        requireNonNull(dataset, "dataset is null");
        inputs = requireNonNull(inputs, "inputs is null").map(List::copyOf);
        outputs = requireNonNull(outputs, "outputs is null").map(List::copyOf);
        requireNonNull(producer, "producer is null");
        requireNonNull(payload, "payload is null");
        requireNonNull(edgeSource, "edgeSource is null");
        if (!edgeSource.equals("openlineage") && !edgeSource.equals("trino") && !edgeSource.equals("sql")) {
            throw new IllegalArgumentException("edgeSource '" + edgeSource + "' is not openlineage, trino or sql");
        }
    }

    /** An OpenLineage event: its edges are marked {@code openlineage}. */
    public LineageEvent(
            Kind kind,
            Optional<EventType> eventType,
            OffsetDateTime eventTime,
            Optional<UUID> runId,
            Optional<JobRef> job,
            Optional<DatasetRef> dataset,
            Optional<List<DatasetRef>> inputs,
            Optional<List<DatasetRef>> outputs,
            String producer,
            JsonNode payload) {
        this(kind, eventType, eventTime, runId, job, dataset, inputs, outputs, producer, payload, "openlineage");
    }

    public enum Kind {
        RUN,
        DATASET,
        JOB
    }

    /** OpenLineage's run event types. */
    public enum EventType {
        START,
        RUNNING,
        COMPLETE,
        ABORT,
        FAIL,
        OTHER;

        public boolean isTerminal() {
            return this == COMPLETE || this == ABORT || this == FAIL;
        }
    }

    public record JobRef(String namespace, String name, JsonNode facets) {}

    public record DatasetRef(String namespace, String name, JsonNode facets) {}
}
