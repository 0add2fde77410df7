package lineage.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import lineage.server.api.error.ErrorCode;
import lineage.server.api.error.LineageException;
import lineage.server.store.DatasetRepository;
import lineage.server.store.DatasetRow;
import lineage.server.store.DatasetVersionRepository;
import lineage.server.store.DatasetVersionRow;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRunRow;
import lineage.server.store.NamespaceRepository;

/** Marquez's {@code /api/v1/namespaces/{namespace}/datasets}: a namespace's datasets, one dataset, its versions. */
@Controller("/api/v1/namespaces/{namespace}/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DatasetController {
    private final NamespaceRepository namespaces;
    private final DatasetRepository datasets;
    private final DatasetVersionRepository versions;
    private final JobRepository jobs;

    public DatasetController(
            NamespaceRepository namespaces,
            DatasetRepository datasets,
            DatasetVersionRepository versions,
            JobRepository jobs) {
        this.namespaces = namespaces;
        this.datasets = datasets;
        this.versions = versions;
        this.jobs = jobs;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> list(
            @PathVariable String namespace,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        NamespaceController.getNamespace(namespaces, namespace);
        List<DatasetRow> page = datasets.findVisible(namespace, paging.limit(), paging.offset());
        return HttpResponse.ok(MarquezResponses.write(MarquezResponses.page(
                "datasets", page.stream().map(MarquezResponses::dataset).toList(), datasets.countVisible(namespace))));
    }

    @Get(uri = "/{dataset}", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> get(@PathVariable String namespace, @PathVariable String dataset) {
        return HttpResponse.ok(MarquezResponses.write(MarquezResponses.dataset(getDataset(namespace, dataset))));
    }

    /** The dataset's versions (one per schema), newest first, each with the run that first wrote it. */
    @Get(uri = "/{dataset}/versions", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> versions(
            @PathVariable String namespace,
            @PathVariable String dataset,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        DatasetRow row = getDataset(namespace, dataset);
        List<DatasetVersionRow> page = versions.findPage(row.id(), paging.limit(), paging.offset());
        Map<UUID, JobRunRow> runs = runs(page);
        return HttpResponse.ok(MarquezResponses.write(MarquezResponses.page(
                "versions",
                page.stream()
                        .map(version -> MarquezResponses.datasetVersion(
                                row,
                                version,
                                Optional.ofNullable(version.runId()).map(runs::get)))
                        .toList(),
                versions.countByDatasetId(row.id()))));
    }

    private DatasetRow getDataset(String namespace, String dataset) {
        NamespaceController.getNamespace(namespaces, namespace);
        return datasets.findVisible(namespace, dataset)
                .orElseThrow(() -> new LineageException(
                        ErrorCode.DATASET_NOT_FOUND, "no dataset " + dataset + " in namespace " + namespace));
    }

    private Map<UUID, JobRunRow> runs(List<DatasetVersionRow> page) {
        List<UUID> ids = page.stream()
                .map(DatasetVersionRow::runId)
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jobs.findRuns(ids).stream().collect(Collectors.toMap(JobRunRow::id, Function.identity()));
    }
}
