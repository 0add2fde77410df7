package lineage.sdk;

import static java.util.Objects.requireNonNull;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineage.RunEvent.EventType;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
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
    private final Map<DatasetName, Input> inputs = new LinkedHashMap<>();
    private final Map<DatasetName, Output> outputs = new LinkedHashMap<>();
    private Optional<OpenLineage.SQLJobFacet> sql = Optional.empty();
    private boolean ended;

    private record Input(DatasetName name, List<Field> fields) {}

    /** An output: its schema fields and the column lineage that {@link #sql} found. */
    private record Output(
            DatasetName name, List<Field> fields, Optional<OpenLineage.ColumnLineageDatasetFacet> columnLineage) {}

    /**
     * What an event says, taken on the job's thread; the delivery thread builds the OpenLineage event from it, so
     * that emitting costs the job only this copy.
     */
    private record Snapshot(
            EventType type,
            Instant time,
            Optional<Throwable> error,
            List<Input> inputs,
            List<Output> outputs,
            Optional<OpenLineage.SQLJobFacet> sql) {}

    JobRun(LineageEmitter emitter, Job job, Optional<JobRun> parent) {
        this.emitter = requireNonNull(emitter, "emitter is null");
        this.job = requireNonNull(job, "job is null");
        this.namespace = job.namespace().orElse(emitter.namespace());
        this.runId = LineageEmitter.newRunId();
        this.parent = parent.map(JobRun::asParent);
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
        inputs.put(requireNonNull(dataset, "dataset is null"), new Input(dataset, List.copyOf(fields)));
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
        outputs.put(dataset, new Output(dataset, List.copyOf(fields), columnLineage));
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
                        name,
                        new Output(name, fields, SqlDatasets.columnLineage(openLineage, lineage, table, context)));
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
            Snapshot snapshot = new Snapshot(
                    type, Instant.now(), error, List.copyOf(inputs.values()), List.copyOf(outputs.values()), sql);
            emitter.submit(() -> event(snapshot));
        } catch (RuntimeException exception) {
            emitter.reportFailure("building the " + type + " event of run " + runId, exception);
        }
    }

    /** Runs on the delivery thread: reads only the snapshot and the run's final fields. */
    private OpenLineage.RunEvent event(Snapshot snapshot) {
        OpenLineage openLineage = emitter.openLineage();
        List<OpenLineage.InputDataset> inputDatasets =
                new ArrayList<>(snapshot.inputs().size());
        for (Input input : snapshot.inputs()) {
            inputDatasets.add(openLineage.newInputDataset(
                    input.name().namespace(),
                    input.name().name(),
                    datasetFacets(openLineage, input.fields(), Optional.empty()),
                    null));
        }
        List<OpenLineage.OutputDataset> outputDatasets =
                new ArrayList<>(snapshot.outputs().size());
        for (Output output : snapshot.outputs()) {
            outputDatasets.add(openLineage.newOutputDataset(
                    output.name().namespace(),
                    output.name().name(),
                    datasetFacets(openLineage, output.fields(), output.columnLineage()),
                    null));
        }
        return openLineage
                .newRunEventBuilder()
                .eventType(snapshot.type())
                .eventTime(ZonedDateTime.ofInstant(snapshot.time(), ZoneOffset.UTC))
                .run(openLineage.newRun(runId, runFacets(openLineage, snapshot.error())))
                .job(jobModel(openLineage, snapshot.sql()))
                .inputs(inputDatasets)
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

    private OpenLineage.Job jobModel(OpenLineage openLineage, Optional<OpenLineage.SQLJobFacet> sql) {
        OpenLineage.JobFacetsBuilder facets = openLineage
                .newJobFacetsBuilder()
                .jobType(openLineage.newJobTypeJobFacet("BATCH", "LINEAGE_SDK", job.jobType(), null));
        job.owner()
                .ifPresent(owner -> facets.ownership(openLineage.newOwnershipJobFacet(
                        List.of(openLineage.newOwnershipJobFacetOwners(owner, null)))));
        sql.ifPresent(facets::sql);
        return openLineage.newJob(namespace, job.name(), facets.build());
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
