package lineage.sdk;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lineage.sdk.DatasetNames.DatasetName;
import lineage.sdk.sql.SqlContext;
import lineage.sdk.sql.SqlDatasets;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * One run of a job, started by {@link LineageEmitter#start} (which emitted its START event). Declare what it reads
 * and writes with {@link #input}, {@link #output} or {@link #sql}, then end it with {@link #complete()} or
 * {@link #fail(Throwable)}; {@link #close()} ends a run that was neither completed nor failed as ABORT, so a run used
 * in try-with-resources is never left open. Only the first end counts; later ones are ignored.
 *
 * <p>Inputs, outputs and facets go on every later event (COMPLETE, FAIL, ABORT). No method throws because of
 * emission: problems are logged and counted by the emitter. Thread-safe (every method holds the run's monitor).
 */
public final class JobRun implements AutoCloseable {
    private final LineageEmitter emitter;
    private final Job job;
    private final String namespace;
    private final UUID runId;
    private final Optional<OpenLineage.ParentRunFacet> parent;
    // The OpenLineage objects of the run are immutable: built when the run changes, shared by its events.
    private final Map<DatasetName, OpenLineage.InputDataset> inputs = new LinkedHashMap<>();
    private final Map<DatasetName, Output> outputs = new LinkedHashMap<>();
    private final OpenLineage.Run run;
    private Optional<OpenLineage.SQLJobFacet> sql = Optional.empty();
    private OpenLineage.Job jobModel;
    private boolean ended;

    /** An output: its schema fields, the column lineage that {@link #sql} found, and the dataset built of both. */
    private record Output(
            List<Field> fields,
            Optional<OpenLineage.ColumnLineageDatasetFacet> columnLineage,
            OpenLineage.OutputDataset dataset) {}

    JobRun(LineageEmitter emitter, Job job, Optional<JobRun> parent) {
        this.emitter = requireNonNull(emitter, "emitter is null");
        this.job = requireNonNull(job, "job is null");
        this.namespace = job.namespace().orElse(emitter.namespace());
        this.runId = LineageEmitter.newRunId();
        this.parent = parent.map(JobRun::asParent);
        OpenLineage openLineage = emitter.openLineage();
        this.run = openLineage.newRun(runId, runFacets(openLineage, Optional.empty()));
        this.jobModel = jobModel(openLineage);
        emit(EventType.START, Optional.empty());
    }

    public UUID runId() {
        return runId;
    }

    public Job job() {
        return job;
    }

    /** The job's namespace: the job's own, else the emitter's. */
    public String namespace() {
        return namespace;
    }

    /** Declares a dataset the run reads; fields (may be none) become its schema facet. */
    public synchronized JobRun input(DatasetName dataset, List<Field> fields) {
        requireNonNull(dataset, "dataset is null");
        OpenLineage openLineage = emitter.openLineage();
        inputs.put(
                dataset,
                openLineage.newInputDataset(
                        dataset.namespace(),
                        dataset.name(),
                        datasetFacets(openLineage, List.copyOf(fields), Optional.empty()),
                        null));
        return this;
    }

    public JobRun input(DatasetName dataset, Field... fields) {
        return input(dataset, List.of(fields));
    }

    /** Declares a dataset the run writes; fields (may be none) become its schema facet. */
    public synchronized JobRun output(DatasetName dataset, List<Field> fields) {
        Output previous = outputs.get(requireNonNull(dataset, "dataset is null"));
        Optional<OpenLineage.ColumnLineageDatasetFacet> columnLineage =
                previous == null ? Optional.empty() : previous.columnLineage();
        outputs.put(dataset, output(dataset, List.copyOf(fields), columnLineage));
        return this;
    }

    public JobRun output(DatasetName dataset, Field... fields) {
        return output(dataset, List.of(fields));
    }

    /** The run's SQL in the emitter's SQL context; see {@link #sql(String, SqlContext)}. */
    public JobRun sql(String sql) {
        return sql(sql, emitter.sqlContext());
    }

    /**
     * The run's SQL: sets the SQL job facet and adds the inputs, outputs and column lineage that sql-parser finds in
     * it (tables named in {@code context}). SQL the parser cannot read only sets the facet (logged at WARN).
     */
    public JobRun sql(String sql, SqlContext context) {
        requireNonNull(sql, "sql is null");
        requireNonNull(context, "context is null");
        SqlLineage lineage;
        try {
            lineage = emitter.parseSql(sql, context);
        } catch (RuntimeException exception) {
            emitter.reportFailure("reading the SQL of run " + runId, exception);
            lineage = new SqlLineage(List.of(), List.of(), List.of(), List.of());
        }
        return sql(sql, context, lineage);
    }

    /** {@link #sql(String, SqlContext)} with the statement's lineage already parsed by the caller. */
    public synchronized JobRun sql(String sql, SqlContext context, SqlLineage lineage) {
        requireNonNull(sql, "sql is null");
        requireNonNull(context, "context is null");
        requireNonNull(lineage, "lineage is null");
        try {
            OpenLineage openLineage = emitter.openLineage();
            this.sql = Optional.of(openLineage.newSQLJobFacet(sql, context.dialect()));
            this.jobModel = jobModel(openLineage);
            lineage.error().ifPresent(error -> emitter.logSqlProblem(runId, error.describe()));
            for (TableRef table : lineage.inputs()) {
                DatasetName name = new DatasetName(context.namespace(), SqlDatasets.name(table));
                if (!inputs.containsKey(name)) {
                    input(name, List.of());
                }
            }
            for (TableRef table : lineage.outputs()) {
                DatasetName name = new DatasetName(context.namespace(), SqlDatasets.name(table));
                Output previous = outputs.get(name);
                List<Field> fields = previous == null ? List.of() : previous.fields();
                outputs.put(
                        name, output(name, fields, SqlDatasets.columnLineage(openLineage, lineage, table, context)));
            }
        } catch (RuntimeException exception) {
            emitter.reportFailure("reading the SQL of run " + runId, exception);
        }
        return this;
    }

    /** Starts a run of another job whose parent-run facet names this run (and this run's root). */
    public JobRun startChild(Job child) {
        return emitter.start(child, this);
    }

    public JobRun startChild(String child) {
        return startChild(Job.named(child));
    }

    /** Ends the run as COMPLETE. */
    public synchronized void complete() {
        end(EventType.COMPLETE, Optional.empty());
    }

    /** Ends the run as FAIL, with the error's message and stack trace in the errorMessage run facet. */
    public synchronized void fail(Throwable error) {
        end(EventType.FAIL, Optional.of(requireNonNull(error, "error is null")));
    }

    /** Ends the run as ABORT unless it was completed or failed. */
    @Override
    public synchronized void close() {
        end(EventType.ABORT, Optional.empty());
    }

    public synchronized boolean isEnded() {
        return ended;
    }

    private void end(EventType type, Optional<Throwable> error) {
        if (ended) {
            return;
        }
        ended = true;
        emit(type, error);
    }

    private void emit(EventType type, Optional<Throwable> error) {
        try {
            emitter.emit(event(type, error));
        } catch (RuntimeException exception) {
            emitter.reportFailure("building the " + type + " event of run " + runId, exception);
        }
    }

    private OpenLineage.RunEvent event(EventType type, Optional<Throwable> error) {
        OpenLineage openLineage = emitter.openLineage();
        List<OpenLineage.OutputDataset> outputDatasets = new ArrayList<>(outputs.size());
        outputs.values().forEach(output -> outputDatasets.add(output.dataset()));
        return openLineage
                .newRunEventBuilder()
                .eventType(type)
                .eventTime(ZonedDateTime.now(ZoneOffset.UTC))
                .run(error.isEmpty() ? run : openLineage.newRun(runId, runFacets(openLineage, error)))
                .job(jobModel)
                .inputs(new ArrayList<>(inputs.values()))
                .outputs(outputDatasets)
                .build();
    }

    private OpenLineage.RunFacets runFacets(OpenLineage openLineage, Optional<Throwable> error) {
        OpenLineage.RunFacetsBuilder runFacets = openLineage.newRunFacetsBuilder();
        parent.ifPresent(runFacets::parent);
        error.ifPresent(throwable -> runFacets.errorMessage(
                openLineage.newErrorMessageRunFacet(message(throwable), "JAVA", stackTrace(throwable))));
        return runFacets.build();
    }

    private OpenLineage.Job jobModel(OpenLineage openLineage) {
        OpenLineage.JobFacetsBuilder facets = openLineage
                .newJobFacetsBuilder()
                .jobType(openLineage.newJobTypeJobFacet("BATCH", "LINEAGE_SDK", job.jobType(), null));
        job.owner()
                .ifPresent(owner -> facets.ownership(openLineage.newOwnershipJobFacet(
                        List.of(openLineage.newOwnershipJobFacetOwners(owner, null)))));
        sql.ifPresent(facets::sql);
        return openLineage.newJob(namespace, job.name(), facets.build());
    }

    private Output output(
            DatasetName name, List<Field> fields, Optional<OpenLineage.ColumnLineageDatasetFacet> columnLineage) {
        OpenLineage openLineage = emitter.openLineage();
        return new Output(
                fields,
                columnLineage,
                openLineage.newOutputDataset(
                        name.namespace(), name.name(), datasetFacets(openLineage, fields, columnLineage), null));
    }

    private static OpenLineage.DatasetFacets datasetFacets(
            OpenLineage openLineage,
            List<Field> fields,
            Optional<OpenLineage.ColumnLineageDatasetFacet> columnLineage) {
        if (fields.isEmpty() && columnLineage.isEmpty()) {
            return null;
        }
        OpenLineage.DatasetFacetsBuilder facets = openLineage.newDatasetFacetsBuilder();
        if (!fields.isEmpty()) {
            List<OpenLineage.SchemaDatasetFacetFields> schema = new ArrayList<>(fields.size());
            for (Field field : fields) {
                schema.add(openLineage.newSchemaDatasetFacetFields(
                        field.name(), field.type().orElse(null), null, null, null));
            }
            facets.schema(openLineage.newSchemaDatasetFacet(schema));
        }
        columnLineage.ifPresent(facets::columnLineage);
        return facets.build();
    }

    private OpenLineage.ParentRunFacet asParent() {
        OpenLineage openLineage = emitter.openLineage();
        OpenLineage.ParentRunFacetRoot root = parent.map(OpenLineage.ParentRunFacet::getRoot)
                .orElseGet(() -> openLineage.newParentRunFacetRoot(
                        openLineage.newRootRun(runId, null), openLineage.newRootJob(namespace, job.name(), null)));
        return openLineage.newParentRunFacet(
                openLineage.newParentRunFacetRun(runId, null),
                openLineage.newParentRunFacetJob(namespace, job.name(), null),
                root);
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getName() : message;
    }

    private static String stackTrace(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Override
    public String toString() {
        return "JobRun[" + namespace + ":" + job.name() + ", " + runId + "]";
    }
}
