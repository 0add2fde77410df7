package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.ingest.Visibility;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRow;
import lineage.server.store.JobRunRow;
import lineage.server.store.JobVersionRepository;
import lineage.server.store.JobVersionRow;
import lineage.server.store.NamespaceRepository;
import lineage.server.store.TagStore;

/**
 * Marquez's {@code /api/v1/namespaces/{namespace}/jobs}: a namespace's jobs, one job, a job's versions, runs and tags,
 * and its soft delete.
 */
@Controller("/api/v1/namespaces/{namespace}/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {
    private final NamespaceRepository namespaces;
    private final JobRepository jobs;
    private final TagStore tags;
    private final Visibility visibility;
    private final CanonicalNames names;
    private final JobResponses responses;
    private final JobVersionRepository versions;

    public JobController(
            NamespaceRepository namespaces,
            JobRepository jobs,
            TagStore tags,
            Visibility visibility,
            CanonicalNames names,
            JobResponses responses,
            JobVersionRepository versions) {
        this.names = names;
        this.responses = responses;
        this.versions = versions;
        this.namespaces = namespaces;
        this.jobs = jobs;
        this.tags = tags;
        this.visibility = visibility;
    }

    /**
     * The namespace's jobs; with {@code lastRunStates}, only those whose latest run is in one of the states, the last
     * updated first (as {@code GET /api/v1/jobs}).
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public JobsResponse list(
            @PathVariable String namespace,
            @Nullable @QueryValue List<String> lastRunStates,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Set<String> states = RunStates.parse(lastRunStates == null ? List.of() : lastRunStates);
        Paging paging = Paging.parse(limit, offset);
        String canonical = names.namespace(namespace);
        NamespaceController.getNamespace(namespaces, canonical);
        if (!states.isEmpty()) {
            return new JobsResponse(
                    responses.of(jobs.findVisibleInStates(canonical, states, paging.limit(), paging.offset())),
                    jobs.countVisibleInStates(canonical, states));
        }
        List<JobRow> page = jobs.findVisible(canonical, paging.limit(), paging.offset());
        return new JobsResponse(responses.of(page), jobs.countVisible(canonical));
    }

    @Get(uri = "/{job}", produces = MediaType.APPLICATION_JSON)
    public JobResponse get(@PathVariable String namespace, @PathVariable String job) {
        return job(getJob(namespace, job));
    }

    /** Hides the job until an event names it again; answers the job as it was. */
    @Delete(uri = "/{job}", produces = MediaType.APPLICATION_JSON)
    public JobResponse delete(@PathVariable String namespace, @PathVariable String job) {
        JobResponse answer = job(getJob(namespace, job));
        if (!visibility.deleteJob(names.namespace(namespace), job)) {
            throw notFound(namespace, job);
        }
        return answer;
    }

    @Post(uri = "/{job}/tags/{tag}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public JobResponse tag(@PathVariable String namespace, @PathVariable String job, @PathVariable String tag) {
        JobRow row = getJob(namespace, job);
        tags.tagJob(row.id(), TagController.getTag(tags, tag).name());
        return job(row);
    }

    @Delete(uri = "/{job}/tags/{tag}", produces = MediaType.APPLICATION_JSON)
    public JobResponse untag(@PathVariable String namespace, @PathVariable String job, @PathVariable String tag) {
        JobRow row = getJob(namespace, job);
        tags.untagJob(row.id(), TagController.getTag(tags, tag).name());
        return job(row);
    }

    /** The job's runs, newest first. */
    @Get(uri = "/{job}/runs", produces = MediaType.APPLICATION_JSON)
    public RunsResponse runs(
            @PathVariable String namespace,
            @PathVariable String job,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        JobRow row = getJob(namespace, job);
        return new RunsResponse(
                jobs.findRuns(row.id(), paging.limit(), paging.offset()).stream()
                        .map(RunResponse::of)
                        .toList(),
                jobs.countRuns(row.id()));
    }

    /** The job's versions (one per distinct inputs, outputs and SQL), newest first. */
    @Get(uri = "/{job}/versions", produces = MediaType.APPLICATION_JSON)
    public JobVersionsResponse versions(
            @PathVariable String namespace,
            @PathVariable String job,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        JobRow row = getJob(namespace, job);
        List<JobVersionRow> page = versions.findPage(row.id(), paging.limit(), paging.offset());
        Map<UUID, JobRunRow> latestRun = responses.latestRuns(List.of(row));
        return new JobVersionsResponse(page.stream()
                .map(version -> JobVersionResponse.of(row, version, latestRun))
                .toList());
    }

    @Get(uri = "/{job}/versions/{version}", produces = MediaType.APPLICATION_JSON)
    public JobVersionResponse version(
            @PathVariable String namespace, @PathVariable String job, @PathVariable String version) {
        UUID id = Parameters.uuid("version", version);
        JobRow row = getJob(namespace, job);
        JobVersionRow found = versions.findVersion(row.id(), id)
                .orElseThrow(() -> new LineageException(
                        ErrorCode.JOB_VERSION_NOT_FOUND,
                        "no version " + id + " of job " + job + " in namespace " + namespace));
        return JobVersionResponse.of(row, found, responses.latestRuns(List.of(row)));
    }

    /** The job, also by an alias of its namespace, or a 404. */
    private JobRow getJob(String namespace, String job) {
        String canonical = names.namespace(namespace);
        NamespaceController.getNamespace(namespaces, canonical);
        return jobs.findVisible(canonical, job).orElseThrow(() -> notFound(namespace, job));
    }

    private static LineageException notFound(String namespace, String job) {
        return new LineageException(ErrorCode.JOB_NOT_FOUND, "no job " + job + " in namespace " + namespace);
    }

    private JobResponse job(JobRow row) {
        return responses.of(row);
    }
}
