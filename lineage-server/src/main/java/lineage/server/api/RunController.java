package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Locale;
import java.util.UUID;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRunRow;

/** Marquez's {@code /api/v1/jobs/runs/{id}}: a run, and the run or job facets its events carried. */
@Controller("/api/v1/jobs/runs/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunController {
    private final JobRepository jobs;

    public RunController(JobRepository jobs) {
        this.jobs = jobs;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public RunResponse get(@PathVariable String id) {
        return RunResponse.of(getRun(id));
    }

    /** {@code type=run}: the run's facets; {@code type=job}: the job facets of the run's events, later ones winning. */
    @Get(uri = "/facets", produces = MediaType.APPLICATION_JSON)
    public RunFacetsResponse facets(@PathVariable String id, @Nullable @QueryValue String type) {
        String facetType = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (!facetType.equals("run") && !facetType.equals("job")) {
            throw Parameters.invalid("type", type == null ? "is required (run or job)" : "must be run or job");
        }
        JobRunRow run = getRun(id);
        String facets = facetType.equals("run") ? run.facets() : jobs.jobFacetsOfRun(run.id());
        return new RunFacetsResponse(run.id(), StoredJson.object(facets));
    }

    private JobRunRow getRun(String id) {
        UUID runId = Parameters.uuid("id", id);
        return jobs.findRun(runId).orElseThrow(() -> new LineageException(ErrorCode.RUN_NOT_FOUND, "no run " + runId));
    }
}
