package lineage.sdk.bench;

import io.openlineage.client.OpenLineage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import lineage.sdk.DatasetNames;
import lineage.sdk.DatasetNames.DatasetName;
import lineage.sdk.Field;
import lineage.sdk.JobRun;
import lineage.sdk.LineageEmitter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What emitting costs the job's thread: building the event and handing it to the queue (the delivery thread
 * serializes and posts it to a local stub endpoint meanwhile, on the same cores). SampleTime gives the percentiles.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx6g", "-Xms2g"})
@State(Scope.Benchmark)
public class EmitterBenchmark {
    private static final DatasetName ORDERS = DatasetNames.trinoTable("trino", 8080, "ordersdb", "public", "orders");
    private static final DatasetName DAILY =
            DatasetNames.trinoTable("trino", 8080, "insights", "default", "orders_daily");

    private static final int BACKLOG = 20_000;

    private StubLineageServer stub;
    private LineageEmitter emitter;
    private Path spool;
    private OpenLineage.RunEvent prebuilt;

    @Setup(Level.Trial)
    public void start() throws IOException {
        stub = new StubLineageServer();
        spool = Files.createTempDirectory("lineage-bench-spool");
        emitter = LineageEmitter.builder()
                .url(stub.uri())
                .namespace("bench")
                .spoolDirectory(spool)
                .queueCapacity(4 * BACKLOG)
                .build();
        OpenLineage openLineage = emitter.openLineage();
        prebuilt = openLineage
                .newRunEventBuilder()
                .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
                .eventTime(ZonedDateTime.now())
                .run(openLineage.newRun(UUID.randomUUID(), null))
                .job(openLineage.newJob("bench", "prebuilt", null))
                .inputs(List.of())
                .outputs(List.of())
                .build();
    }

    /**
     * Keeps the measurement on the queue path: the job's thread can queue far faster than one thread delivers, so
     * when 20,000 events wait, the backlog is delivered outside the timed invocation before the next one.
     */
    @Setup(Level.Invocation)
    public void keepOnQueuePath() {
        if (emitter.counters().pending() > BACKLOG && !emitter.flush(Duration.ofMinutes(5))) {
            throw new IllegalStateException("not drained: " + emitter.counters());
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        emitter.close();
        stub.close();
        if (emitter.counters().spooled() > 0 || emitter.counters().dropped() > 0) {
            throw new IllegalStateException("events left the queue path: " + emitter.counters());
        }
    }

    /** One event built by hand: only the hand-off to the queue. */
    @Benchmark
    public void emitPrebuiltEvent() {
        emitter.emit(prebuilt);
    }

    /** One event: a run's START (run id, time, job facets) built and queued. */
    @Benchmark
    public JobRun startRun() {
        return emitter.start("bench_job");
    }

    /** Two events (START, COMPLETE) of a run with an input and an output with schemas. */
    @Benchmark
    public void runWithDatasets() {
        JobRun run = emitter.start("bench_job");
        run.input(ORDERS, Field.of("id", "bigint"), Field.of("amount", "decimal(10,2)"));
        run.output(DAILY, Field.of("order_count", "bigint"));
        run.complete();
    }
}
