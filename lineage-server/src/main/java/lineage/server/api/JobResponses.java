package lineage.server.api;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import lineage.server.store.JobEdgeRow;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRow;
import lineage.server.store.JobRunRow;
import lineage.server.store.TagStore;

/** Jobs in Marquez's shape, for every endpoint that lists or answers jobs. */
@Singleton
class JobResponses {
    /** As many runs as Marquez puts in a job's {@code latestRuns}. */
    private static final int LATEST_RUNS = 10;

    private final JobRepository jobs;
    private final TagStore tags;

    JobResponses(JobRepository jobs, TagStore tags) {
        this.jobs = jobs;
        this.tags = tags;
    }

    JobResponse of(JobRow row) {
        return of(List.of(row)).get(0);
    }

    /** The jobs, in their order, with four queries whatever their number. */
    List<JobResponse> of(List<JobRow> page) {
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
    Map<UUID, JobRunRow> latestRuns(List<JobRow> page) {
        List<UUID> ids =
                page.stream().map(JobRow::latestRunId).filter(Objects::nonNull).toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jobs.findRuns(ids).stream().collect(Collectors.toMap(JobRunRow::id, Function.identity()));
    }
}
