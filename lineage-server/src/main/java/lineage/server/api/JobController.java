package lineage.server.api;

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
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.ingest.Visibility;
import lineage.server.store.JobEdgeRow;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRow;
import lineage.server.store.JobRunRow;
import lineage.server.store.NamespaceRepository;
import lineage.server.store.TagStore;

/**
 * Marquez's {@code /api/v1/namespaces/{namespace}/jobs}: a namespace's jobs, one job, a job's runs and tags, and its
 * soft delete.
 */
@Controller("/api/v1/namespaces/{namespace}/jobs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class JobController {
    /** As many runs as Marquez puts in a job's {@code latestRuns}. */
    private static final int LATEST_RUNS = 10;

    private final NamespaceRepository namespaces;
    private final JobRepository jobs;
    private final TagStore tags;
    private final Visibility visibility;
    private final CanonicalNames names;

    public JobController(
            NamespaceRepository namespaces,
            JobRepository jobs,
            TagStore tags,
            Visibility visibility,
            CanonicalNames names) {
        this.names = names;
        this.namespaces = namespaces;
        this.jobs = jobs;
        this.tags = tags;
        this.visibility = visibility;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public JobsResponse list(
            @PathVariable String namespace,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        String canonical = names.namespace(namespace);
        NamespaceController.getNamespace(namespaces, canonical);
        List<JobRow> page = jobs.findVisible(canonical, paging.limit(), paging.offset());
        return new JobsResponse(jobs(page), jobs.countVisible(canonical));
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
        return jobs(List.of(row)).get(0);
    }

    /** The jobs in Marquez's shape, in their order, with four queries whatever their number. */
    private List<JobResponse> jobs(List<JobRow> page) {
        if (page.isEmpty()) {
            return List.of();
        }
        List<Long> ids = page.stream().map(JobRow::id).toList();
        Map<Long, List<JobEdgeRow>> edges =
                jobs.findCurrentEdges(ids).stream().collect(Collectors.groupingBy(JobEdgeRow::jobId));
        Map<Long, List<JobRunRow>> latestRuns =
                jobs.findLatestRuns(ids, LATEST_RUNS).stream().collect(Collectors.groupingBy(JobRunRow::jobId));
        Map<UUID, JobRunRow> latestRun = latestRuns(page);
        Map<Long, List<String>> jobTags = tags.jobTags(ids);
        return page.stream()
                .map(job -> JobResponse.of(
                        job,
                        edges.getOrDefault(job.id(), List.of()),
                        latestRun,
                        latestRuns.getOrDefault(job.id(), List.of()),
                        jobTags.getOrDefault(job.id(), List.of())))
                .toList();
    }

    /** The run each job last heard of (its {@code latestRun}, as in {@code /api/v1/lineage}). */
    private Map<UUID, JobRunRow> latestRuns(List<JobRow> page) {
        List<UUID> ids =
                page.stream().map(JobRow::latestRunId).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jobs.findRuns(ids).stream().collect(Collectors.toMap(JobRunRow::id, Function.identity()));
    }
}
