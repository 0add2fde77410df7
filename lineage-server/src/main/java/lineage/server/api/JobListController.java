package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Set;
import lineage.server.store.JobRepository;

/**
 * Marquez's {@code GET /api/v1/jobs}: the visible jobs of every namespace, the last updated first (Marquez's order),
 * optionally only those whose latest run is in one of {@code lastRunStates}.
 */
@Controller("/api/v1/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobListController {
    private final JobRepository jobs;
    private final JobResponses responses;

    public JobListController(JobRepository jobs, JobResponses responses) {
        this.jobs = jobs;
        this.responses = responses;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public JobsResponse list(
            @Nullable @QueryValue List<String> lastRunStates,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Set<String> states = RunStates.parse(lastRunStates == null ? List.of() : lastRunStates);
        Paging paging = Paging.parse(limit, offset);
        if (states.isEmpty()) {
            return new JobsResponse(
                    responses.of(jobs.findVisible(paging.limit(), paging.offset())), jobs.countVisible());
        }
        return new JobsResponse(
                responses.of(jobs.findVisibleInStates(states, paging.limit(), paging.offset())),
                jobs.countVisibleInStates(states));
    }
}
