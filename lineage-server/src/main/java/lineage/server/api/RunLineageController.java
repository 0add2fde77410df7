package lineage.server.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import lineage.server.config.LineageConfig;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRunRow;
import lineage.server.store.RunInputRow;
import lineage.server.store.RunVersionRow;

/**
 * Marquez's {@code GET /api/v1/runlineage/upstream?runId=&depth=20}: the run, then the runs that produced what it read,
 * then theirs, up to {@code depth} levels, level by level (each run once, by job namespace and name within a level).
 * Which run produced what is inferred from the edges and runs the store keeps ({@link JobRepository#findInputs}).
 */
@Controller("/api/v1/runlineage")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RunLineageController {
    private static final Comparator<JobRunRow> BY_JOB = Comparator.comparing(JobRunRow::jobNamespace)
            .thenComparing(JobRunRow::jobName)
            .thenComparing(JobRunRow::id);

    private final JobRepository jobs;
    private final int maxRuns;

    public RunLineageController(JobRepository jobs, LineageConfig config) {
        this.jobs = jobs;
        this.maxRuns = config.maxGraphNodes();
    }

    /** One query for the runs, one for their inputs and one for their versions per level; at most max-graph-nodes runs. */
    @Get(uri = "/upstream", produces = MediaType.APPLICATION_JSON)
    public RunLineageResponse upstream(
            @Nullable @QueryValue String runId, @QueryValue(defaultValue = "20") String depth) {
        if (runId == null || runId.isBlank()) {
            throw Parameters.invalid("runId", "is required");
        }
        UUID id = Parameters.uuid("runId", runId);
        int levels = LineageController.depth(depth);
        jobs.findRun(id).orElseThrow(() -> new LineageException(ErrorCode.RUN_NOT_FOUND, "no run " + id));
        List<RunLineageResponse.UpstreamRun> answer = new ArrayList<>();
        Set<UUID> seen = new HashSet<>(List.of(id));
        List<UUID> level = List.of(id);
        for (int distance = 0; !level.isEmpty(); distance++) {
            Map<UUID, List<RunInputRow>> inputs = jobs.findInputs(level).stream()
                    .collect(Collectors.groupingBy(RunInputRow::runId, LinkedHashMap::new, Collectors.toList()));
            Map<UUID, UUID> versions = new LinkedHashMap<>();
            for (RunVersionRow version : jobs.findRunVersions(level)) {
                versions.put(version.runId(), version.jobVersion());
            }
            List<JobRunRow> runs = jobs.findRuns(level).stream().sorted(BY_JOB).toList();
            List<UUID> next = new ArrayList<>();
            for (JobRunRow run : runs) {
                List<RunInputRow> read = inputs.getOrDefault(run.id(), List.of());
                answer.add(upstreamRun(run, versions.get(run.id()), read));
                read.stream()
                        .map(RunInputRow::producedByRunId)
                        .filter(Objects::nonNull)
                        .filter(producer -> seen.size() < maxRuns && seen.add(producer))
                        .forEach(next::add);
            }
            level = distance < levels ? next : List.of();
        }
        return new RunLineageResponse(answer);
    }

    private static RunLineageResponse.UpstreamRun upstreamRun(
            JobRunRow run, @Nullable UUID jobVersion, List<RunInputRow> inputs) {
        return new RunLineageResponse.UpstreamRun(
                new RunLineageResponse.JobSummary(run.jobNamespace(), run.jobName(), jobVersion),
                new RunLineageResponse.RunSummary(run.id(), run.startedAt(), run.endedAt(), run.state()),
                inputs.stream()
                        .map(input -> new RunLineageResponse.DatasetSummary(
                                input.namespace(), input.name(), input.datasetVersion(), input.producedByRunId()))
                        .toList());
    }
}
