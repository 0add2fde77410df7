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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;
import lineage.server.identity.Aliases;
import lineage.server.ingest.Visibility;
import lineage.server.store.ColumnLineageReader;
import lineage.server.store.DatasetColumnLineageReader;
import lineage.server.store.DatasetRepository;
import lineage.server.store.DatasetRow;
import lineage.server.store.DatasetVersionRepository;
import lineage.server.store.DatasetVersionRow;
import lineage.server.store.JobRepository;
import lineage.server.store.JobRunRow;
import lineage.server.store.NamespaceRepository;
import lineage.server.store.TagStore;

/**
 * Marquez's {@code /api/v1/namespaces/{namespace}/datasets}: a namespace's datasets, one dataset, its versions, its tags
 * and its fields' tags, and its soft delete.
 */
@Controller("/api/v1/namespaces/{namespace}/datasets")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DatasetController {
    private final NamespaceRepository namespaces;
    private final DatasetRepository datasets;
    private final DatasetVersionRepository versions;
    private final JobRepository jobs;
    private final TagStore tags;
    private final Visibility visibility;
    private final CanonicalNames names;
    private final DatasetColumnLineageReader columnLineage;

    public DatasetController(
            NamespaceRepository namespaces,
            DatasetRepository datasets,
            DatasetVersionRepository versions,
            JobRepository jobs,
            TagStore tags,
            Visibility visibility,
            CanonicalNames names,
            DatasetColumnLineageReader columnLineage) {
        this.namespaces = namespaces;
        this.datasets = datasets;
        this.versions = versions;
        this.jobs = jobs;
        this.tags = tags;
        this.visibility = visibility;
        this.names = names;
        this.columnLineage = columnLineage;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public DatasetsResponse list(
            @PathVariable String namespace,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        String canonical = names.namespace(namespace);
        NamespaceController.getNamespace(namespaces, canonical);
        List<DatasetRow> page = datasets.findVisible(canonical, paging.limit(), paging.offset());
        return new DatasetsResponse(datasets(page), datasets.countVisible(canonical));
    }

    @Get(uri = "/{dataset}", produces = MediaType.APPLICATION_JSON)
    public DatasetResponse get(@PathVariable String namespace, @PathVariable String dataset) {
        return dataset(getDataset(namespace, dataset));
    }

    /** Hides the dataset until an event names it again; answers the dataset, {@code deleted}. */
    @Delete(uri = "/{dataset}", produces = MediaType.APPLICATION_JSON)
    public DatasetResponse delete(@PathVariable String namespace, @PathVariable String dataset) {
        DatasetRow row = getDataset(namespace, dataset);
        if (!visibility.deleteDataset(row.namespace(), row.name())) {
            throw notFound(namespace, dataset);
        }
        return dataset(new DatasetRow(
                row.id(),
                row.namespace(),
                row.name(),
                row.sourceName(),
                row.fields(),
                row.facets(),
                row.currentVersion(),
                row.createdAt(),
                row.updatedAt(),
                true,
                row.domain()));
    }

    @Post(uri = "/{dataset}/tags/{tag}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public DatasetResponse tag(@PathVariable String namespace, @PathVariable String dataset, @PathVariable String tag) {
        DatasetRow row = getDataset(namespace, dataset);
        tags.tagDataset(row.id(), TagController.getTag(tags, tag).name());
        return dataset(row);
    }

    @Delete(uri = "/{dataset}/tags/{tag}", produces = MediaType.APPLICATION_JSON)
    public DatasetResponse untag(
            @PathVariable String namespace, @PathVariable String dataset, @PathVariable String tag) {
        DatasetRow row = getDataset(namespace, dataset);
        tags.untagDataset(row.id(), TagController.getTag(tags, tag).name());
        return dataset(row);
    }

    @Post(uri = "/{dataset}/fields/{field}/tags/{tag}", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public DatasetResponse tagField(
            @PathVariable String namespace,
            @PathVariable String dataset,
            @PathVariable String field,
            @PathVariable String tag) {
        DatasetRow row = getField(namespace, dataset, field);
        tags.tagField(row.id(), field, TagController.getTag(tags, tag).name());
        return dataset(row);
    }

    @Delete(uri = "/{dataset}/fields/{field}/tags/{tag}", produces = MediaType.APPLICATION_JSON)
    public DatasetResponse untagField(
            @PathVariable String namespace,
            @PathVariable String dataset,
            @PathVariable String field,
            @PathVariable String tag) {
        DatasetRow row = getField(namespace, dataset, field);
        tags.untagField(row.id(), field, TagController.getTag(tags, tag).name());
        return dataset(row);
    }

    /** The dataset's versions (one per schema), newest first, each with the run that first wrote it. */
    @Get(uri = "/{dataset}/versions", produces = MediaType.APPLICATION_JSON)
    public DatasetVersionsResponse versions(
            @PathVariable String namespace,
            @PathVariable String dataset,
            @QueryValue(defaultValue = Paging.DEFAULT_LIMIT) String limit,
            @QueryValue(defaultValue = Paging.DEFAULT_OFFSET) String offset) {
        Paging paging = Paging.parse(limit, offset);
        DatasetRow row = getDataset(namespace, dataset);
        List<DatasetVersionRow> page = versions.findPage(row.id(), paging.limit(), paging.offset());
        Map<UUID, JobRunRow> runs = runs(page);
        List<List<ColumnLineageReader.Edge>> lineage = columnLineage.findInputs(versionTimes(row, page, paging));
        List<DatasetVersionResponse> answers = new ArrayList<>();
        for (int index = 0; index < page.size(); index++) {
            answers.add(DatasetVersionResponse.of(
                    row, page.get(index), runs, DatasetColumnLineageResponse.of(lineage.get(index))));
        }
        return new DatasetVersionsResponse(answers, versions.countByDatasetId(row.id()));
    }

    /**
     * Each version of the page (newest first) as of the moment before the next one was written; the newest version
     * as of now. A page that starts after the newest reads the version before its first.
     */
    private List<DatasetColumnLineageReader.DatasetAt> versionTimes(
            DatasetRow row, List<DatasetVersionRow> page, Paging paging) {
        List<DatasetColumnLineageReader.DatasetAt> times = new ArrayList<>();
        Optional<Instant> replacedAt = page.isEmpty() || paging.offset() == 0
                ? Optional.empty()
                : versions.findPage(row.id(), 1, paging.offset() - 1).stream()
                        .map(DatasetVersionRow::createdAt)
                        .findFirst();
        for (DatasetVersionRow version : page) {
            times.add(new DatasetColumnLineageReader.DatasetAt(
                    row.id(), replacedAt.map(time -> time.minus(1, ChronoUnit.MICROS))));
            replacedAt = Optional.of(version.createdAt());
        }
        return times;
    }

    @Get(uri = "/{dataset}/versions/{version}", produces = MediaType.APPLICATION_JSON)
    public DatasetVersionResponse version(
            @PathVariable String namespace, @PathVariable String dataset, @PathVariable String version) {
        UUID id = Parameters.uuid("version", version);
        DatasetRow row = getDataset(namespace, dataset);
        DatasetVersionRow found = versions.findVersion(row.id(), id)
                .orElseThrow(() -> new LineageException(
                        ErrorCode.DATASET_VERSION_NOT_FOUND,
                        "no version " + id + " of dataset " + dataset + " in namespace " + namespace));
        Optional<Instant> replacedAt =
                versions.findNext(row.id(), id).map(next -> next.createdAt().minus(1, ChronoUnit.MICROS));
        List<ColumnLineageReader.Edge> lineage = columnLineage
                .findInputs(List.of(new DatasetColumnLineageReader.DatasetAt(row.id(), replacedAt)))
                .get(0);
        return DatasetVersionResponse.of(row, found, runs(List.of(found)), DatasetColumnLineageResponse.of(lineage));
    }

    /** The dataset by any of its names (an alias answers with its canonical dataset), or a 404. */
    private DatasetRow getDataset(String namespace, String dataset) {
        Aliases.DatasetName canonical = names.dataset(namespace, dataset);
        NamespaceController.getNamespace(namespaces, canonical.namespace());
        return datasets.findVisible(canonical.namespace(), canonical.name())
                .orElseThrow(() -> notFound(namespace, dataset));
    }

    /** The dataset, or a 404 {@code FIELD_NOT_FOUND} when its current fields have none of that name. */
    private DatasetRow getField(String namespace, String dataset, String field) {
        DatasetRow row = getDataset(namespace, dataset);
        for (FieldResponse known : FieldResponse.of(row.fields(), Map.of())) {
            if (known.name().equals(field)) {
                return row;
            }
        }
        throw new LineageException(
                ErrorCode.FIELD_NOT_FOUND,
                "no field " + field + " in dataset " + dataset + " of namespace " + namespace);
    }

    private static LineageException notFound(String namespace, String dataset) {
        return new LineageException(
                ErrorCode.DATASET_NOT_FOUND, "no dataset " + dataset + " in namespace " + namespace);
    }

    private DatasetResponse dataset(DatasetRow row) {
        return datasets(List.of(row)).get(0);
    }

    /**
     * The datasets in Marquez's shape, in their order, with their tags read in two queries and their column lineage in
     * one.
     */
    private List<DatasetResponse> datasets(List<DatasetRow> page) {
        List<Long> ids = page.stream().map(DatasetRow::id).toList();
        Map<Long, List<String>> datasetTags = tags.datasetTags(ids);
        Map<Long, Map<String, List<String>>> fieldTags = tags.fieldTags(ids);
        List<List<ColumnLineageReader.Edge>> lineage = columnLineage.findInputs(ids.stream()
                .map(id -> new DatasetColumnLineageReader.DatasetAt(id, Optional.empty()))
                .toList());
        List<DatasetResponse> answers = new ArrayList<>();
        for (int index = 0; index < page.size(); index++) {
            DatasetRow row = page.get(index);
            answers.add(DatasetResponse.of(
                    row,
                    datasetTags.getOrDefault(row.id(), List.of()),
                    fieldTags.getOrDefault(row.id(), Map.of()),
                    DatasetColumnLineageResponse.of(lineage.get(index)),
                    names.aliasesOf(row.namespace(), row.name())));
        }
        return answers;
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
