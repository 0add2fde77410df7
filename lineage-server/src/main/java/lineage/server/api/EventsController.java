package lineage.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.netty.buffer.ByteBuf;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import lineage.server.model.TimeRange;
import lineage.server.store.EventReader;
import lineage.server.store.ProjectionLog;

/**
 * Marquez's {@code GET /api/v1/events/lineage}: the stored events of a time window, a page at a time; and {@code GET
 * /api/v1/events/unprojected}: the stored events that could not be projected, with the reason.
 */
@Controller("/api/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {
    private static final String DEFAULT_BEFORE = "2030-01-01T00:00:00Z";
    private static final String DEFAULT_AFTER = "1970-01-01T00:00:00Z";

    private final EventReader events;
    private final ProjectionLog projectionLog;

    public EventsController(EventReader events, ProjectionLog projectionLog) {
        this.events = events;
        this.projectionLog = projectionLog;
    }

    /**
     * {@code {"events": [event...], "totalCount": N}}: the events with {@code after <= eventTime < before}, newest first
     * unless {@code sortDirection=asc}, each as stored (the JSON received, keys in PostgreSQL's jsonb order); {@code
     * totalCount} counts the whole window. Run events only, as Marquez lists them, unless {@code kinds} asks for dataset
     * and job events too.
     */
    @Get(uri = "/lineage", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "200",
            description = "a page of events",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EventsResponse.class)))
    public HttpResponse<ByteBuf> lineage(
            @QueryValue(defaultValue = DEFAULT_BEFORE) String before,
            @QueryValue(defaultValue = DEFAULT_AFTER) String after,
            @QueryValue(defaultValue = "desc") String sortDirection,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset,
            @QueryValue(defaultValue = "run") String kinds) {
        EventReader.Window window = new EventReader.Window(dateTime("after", after), dateTime("before", before));
        EventReader.Order order = order(sortDirection);
        Paging paging = Paging.parse(limit, offset);
        EventReader.EventPage page = events.findEvents(window, kinds(kinds), order, paging.limit(), paging.offset());
        return HttpResponse.ok(JsonBody.of(json -> EventsResponse.write(json, page)));
    }

    /**
     * {@code {"events": [...], "totalCount": N}}: the stored events that are not projected, oldest first, each with its
     * id in the log, arrival time, kind, job, run and the reason its projection failed (no stack trace, no SQL).
     */
    @Get(uri = "/unprojected", produces = MediaType.APPLICATION_JSON)
    public UnprojectedEventsResponse unprojected(
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        return UnprojectedEventsResponse.of(projectionLog.findUnprojected(paging.limit(), paging.offset()));
    }

    /**
     * {@code run} (the default: run events only, as Marquez lists them and as its web UI's events page reads them),
     * {@code all}, or a comma-separated list of {@code run}, {@code dataset}, {@code job} in any case.
     */
    private static Set<EventReader.Kind> kinds(String text) {
        if (text.trim().equalsIgnoreCase("all")) {
            return EnumSet.allOf(EventReader.Kind.class);
        }
        Set<EventReader.Kind> kinds = EnumSet.noneOf(EventReader.Kind.class);
        for (String part : text.split(",", -1)) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            try {
                kinds.add(EventReader.Kind.valueOf(name));
            } catch (IllegalArgumentException unknown) {
                throw Parameters.invalid("kinds", "must be all or a comma-separated list of run, dataset and job");
            }
        }
        return kinds;
    }

    /**
     * An ISO-8601 date-time with an offset ({@code 2026-11-23T10:00:00Z}, {@code …+02:00}). An unencoded {@code +} in a
     * query string arrives as a space, which is read back as the {@code +} it was.
     */
    private static OffsetDateTime dateTime(String field, String value) {
        OffsetDateTime time;
        try {
            time = ZonedDateTime.parse(value.strip().replace(' ', '+')).toOffsetDateTime();
        } catch (DateTimeParseException exception) {
            throw Parameters.invalid(field, "'" + value + "' is not an ISO-8601 date-time with an offset");
        }
        if (!TimeRange.contains(time.toInstant())) {
            throw Parameters.invalid(field, "must lie between " + TimeRange.MIN + " and " + TimeRange.MAX);
        }
        return time;
    }

    private static EventReader.Order order(String sortDirection) {
        return switch (sortDirection.toLowerCase(Locale.ROOT)) {
            case "asc" -> EventReader.Order.ASCENDING;
            case "desc" -> EventReader.Order.DESCENDING;
            default -> throw Parameters.invalid("sortDirection", "must be asc or desc");
        };
    }
}
