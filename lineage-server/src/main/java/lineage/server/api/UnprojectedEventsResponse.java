package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import lineage.server.store.ProjectionLog;

/** {@code GET /api/v1/events/unprojected}: a page of the stored events that are not projected, and how many in all. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UnprojectedEventsResponse(List<Event> events, long totalCount) {
    /** What an error recorded as a bare exception name (before reasons were recorded) reads as. */
    static final String FAILED_ON_ARRIVAL =
            "the projection failed when the event arrived; it is tried again at the next start";

    private static final Pattern EXCEPTION_NAME = Pattern.compile("[A-Z][A-Za-z0-9]*(Exception|Error)");

    /** One event: its id in the log, when it arrived, its kind, job and run, and why it is not projected. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Event(
            long id,
            Instant receivedAt,
            String kind,
            @Nullable Instant eventTime,
            @Nullable IdResponse job,
            @Nullable UUID runId,
            String reason) {}

    static UnprojectedEventsResponse of(ProjectionLog.UnprojectedPage page) {
        return new UnprojectedEventsResponse(
                page.events().stream().map(UnprojectedEventsResponse::event).toList(), page.totalCount());
    }

    private static Event event(ProjectionLog.UnprojectedRow row) {
        return new Event(
                row.id(),
                row.receivedAt().toInstant(),
                row.kind(),
                row.eventTime() == null ? null : row.eventTime().toInstant(),
                row.jobNamespace() == null || row.jobName() == null
                        ? null
                        : new IdResponse(row.jobNamespace(), row.jobName()),
                row.runId(),
                reason(row.error()));
    }

    private static String reason(String error) {
        if (error == null) {
            return "not projected yet: it is projected at the next start";
        }
        return EXCEPTION_NAME.matcher(error).matches() ? FAILED_ON_ARRIVAL : error;
    }
}
