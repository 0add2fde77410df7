package lineage.sdk;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import io.openlineage.client.ConfigPathProvider;
import io.openlineage.client.DefaultConfigPathProvider;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import io.openlineage.client.OpenLineageConfig;
import io.openlineage.client.transports.TransportFactory;
import io.openlineage.client.utils.OpenLineageEnvParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import lineage.sdk.sql.SqlContext;
import lineage.sql.Diagnostic;
import lineage.sql.ParseOptions;
import lineage.sql.SqlLineage;
import lineage.sql.SqlLineageParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits OpenLineage run events from a Java job without ever failing it.
 *
 * <pre>{@code
 * try (LineageEmitter emitter = LineageEmitter.builder().url("http://localhost:5000").namespace("etl").build()) {
 *     emitter.run("load_orders", run -> {
 *         run.sql("INSERT INTO insights.default.orders_daily SELECT ... FROM ordersdb.public.orders");
 *         // ... the job's work ...
 *     });
 * }
 * }</pre>
 *
 * <p>Emitting never blocks on the network and never throws into the job: events go to a bounded queue that one
 * background thread sends in batches; while the server is unreachable they wait in a spool directory and are sent
 * again, in order, when it is back (also by the next emitter started on that directory). Problems are logged and
 * counted ({@link #counters()}). {@link #close()} flushes for up to the configured close timeout.
 *
 * <p>Thread-safe: any number of threads may start and end runs on one emitter.
 */
public final class LineageEmitter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LineageEmitter.class);

    private final EmitterConfig config;
    private final OpenLineage openLineage;
    private final SqlLineageParser parser = new SqlLineageParser();
    private final EventPipeline pipeline;

    LineageEmitter(EmitterConfig config) {
        this.config = requireNonNull(config, "config is null");
        this.openLineage = new OpenLineage(config.producer());
        try {
            this.pipeline = new EventPipeline(
                    sink(config),
                    new Spool(config.spoolDirectory(), config.maxSpoolBytes()),
                    config.queueCapacity(),
                    config.maxBatchSize(),
                    config.retryInterval(),
                    config.maxRetryInterval(),
                    () -> parser.parse("SELECT a FROM c.s.t WHERE b = 1", ParseOptions.defaults()));
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot use lineage spool directory " + config.spoolDirectory(), exception);
        }
        log.info("lineage emitter for namespace {} sends to {}", config.namespace(), sinkName(config));
    }

    /** An emitter with this configuration. */
    public static LineageEmitter create(EmitterConfig config) {
        return new LineageEmitter(config);
    }

    /** Configuration from code; the defaults post to {@code http://localhost:5000/api/v1/lineage}. */
    public static EmitterBuilder builder() {
        return new EmitterBuilder();
    }

    /**
     * An emitter configured like every openlineage-java client: {@code openlineage.yml} (the file named by
     * {@code OPENLINEAGE_CONFIG}, else in the working directory, else in {@code ~/.openlineage/}), else the
     * {@code OPENLINEAGE__TRANSPORT__…} variables; then {@code OPENLINEAGE_URL}, {@code OPENLINEAGE_ENDPOINT},
     * {@code OPENLINEAGE_API_KEY}, {@code OPENLINEAGE_NAMESPACE} and {@code LINEAGE_SPOOL_DIR} override.
     */
    public static LineageEmitter fromConfig() {
        return builder()
                .loadConfig(new DefaultConfigPathProvider(), System.getenv())
                .build();
    }

    /** An emitter configured only by environment variables (see {@link #fromConfig()}). */
    public static LineageEmitter fromEnvironment() {
        return builder().environment(System.getenv()).build();
    }

    public EmitterConfig config() {
        return config;
    }

    /** The default job namespace. */
    public String namespace() {
        return config.namespace();
    }

    /** openlineage-java's model factory, with this emitter's producer. */
    public OpenLineage openLineage() {
        return openLineage;
    }

    /** Starts a run of a job in the emitter's namespace: emits START. */
    public JobRun start(String job) {
        return start(Job.named(job));
    }

    /** Starts a run: emits START. End it with complete(), fail() or close() (ABORT). */
    public JobRun start(Job job) {
        return new JobRun(this, job, Optional.empty());
    }

    /** Starts a run whose parent-run facet names {@code parent}. */
    public JobRun start(Job job, JobRun parent) {
        return new JobRun(this, job, Optional.of(requireNonNull(parent, "parent is null")));
    }

    /** {@link #run(Job, RunBody)} for a job in the emitter's namespace. */
    public <E extends Exception> void run(String job, RunBody<E> body) throws E {
        run(Job.named(job), body);
    }

    /**
     * Emits START, runs the body, and emits COMPLETE; when the body throws, emits FAIL with the error's message and
     * stack trace and rethrows the error unchanged.
     */
    public <E extends Exception> void run(Job job, RunBody<E> body) throws E {
        requireNonNull(body, "body is null");
        JobRun run = start(job);
        try {
            body.run(run);
        } catch (Throwable error) {
            run.fail(error);
            throw error;
        }
        run.complete();
    }

    /** Queues an event built by hand; never blocks on the network and never throws. */
    public void emit(OpenLineage.RunEvent event) {
        pipeline.submit(requireNonNull(event, "event is null"));
    }

    /** Queues an event that the delivery thread builds; see {@link PendingEvent}. */
    void submit(PendingEvent event) {
        pipeline.submit(event);
    }

    public EmitterCounters counters() {
        return pipeline.counters();
    }

    /**
     * Waits until every event emitted so far, and everything spooled, has reached the server (or was refused or
     * dropped); false when {@code timeout} passed first.
     */
    public boolean flush(Duration timeout) {
        return pipeline.flush(requireNonNull(timeout, "timeout is null"));
    }

    /** Flushes for up to the close timeout and stops; what is undelivered stays in the spool for the next emitter. */
    @Override
    public void close() {
        pipeline.close(config.closeTimeout());
    }

    SqlContext sqlContext() {
        return config.sqlContext().orElseGet(() -> SqlContext.of(config.namespace()));
    }

    /**
     * The parser refuses a call that takes longer than its time budget (TOO_COMPLEX). The first parses in a cold JVM
     * (class loading, no JIT) on a busy machine can take that long, so a refused statement is parsed once more.
     */
    SqlLineage parseSql(String sql, SqlContext context) {
        SqlLineage lineage = parser.parse(sql, context.parseOptions());
        if (lineage.error()
                .map(error -> error.code() == Diagnostic.Code.TOO_COMPLEX)
                .orElse(false)) {
            return parser.parse(sql, context.parseOptions());
        }
        return lineage;
    }

    /**
     * A UUIDv7 (time-ordered, as openlineage-java's {@code UUIDUtils} makes), from {@link ThreadLocalRandom}: run ids
     * need uniqueness (74 random bits per millisecond), not secrecy, and SecureRandom costs microseconds under a lock.
     */
    static UUID newRunId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }

    void logSqlProblem(UUID runId, String problem) {
        // Degraded: the run is reported without the lineage of its SQL. The SQL itself only at DEBUG.
        log.warn("run {}: sql-parser could not read its SQL: {}", runId, problem);
    }

    void reportFailure(String what, RuntimeException exception) {
        log.warn("lineage: {} failed", what, exception);
    }

    private static EventSink sink(EmitterConfig config) {
        if (config.transport().isPresent()) {
            return new TransportSink(new TransportFactory(config.transport().get()).build());
        }
        return new HttpBatchSink(config.endpointUri(), config.requestTimeout(), config.auth(), config.headers());
    }

    private static String sinkName(EmitterConfig config) {
        return config.transport()
                .map(transport -> transport.getClass().getSimpleName())
                .orElseGet(() -> config.endpointUri().toString());
    }

    /** Reads an {@code openlineage.yml}. */
    static OpenLineageConfig<?> readConfig(InputStream yaml) {
        return OpenLineageClientUtils.loadOpenLineageConfigYaml(yaml, new TypeReference<OpenLineageConfig<?>>() {});
    }

    /** Finds the {@code openlineage.yml} openlineage-java would read. */
    static Optional<Path> findConfigFile(ConfigPathProvider paths) {
        return paths.getPaths().stream().filter(Files::isRegularFile).findFirst();
    }

    /** The {@code OPENLINEAGE__…} variables, when any is set. */
    static Optional<OpenLineageConfig<?>> environmentConfig() {
        if (!OpenLineageEnvParser.OpenLineageEnvVarsExist()) {
            return Optional.empty();
        }
        return Optional.of(
                OpenLineageClientUtils.loadOpenLineageConfigFromEnvVars(new TypeReference<OpenLineageConfig<?>>() {}));
    }
}
