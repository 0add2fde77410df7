package lineage.sdk.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import lineage.sdk.DatasetNames;
import lineage.sdk.DatasetNames.DatasetName;
import lineage.sdk.EmitterCounters;
import lineage.sdk.Field;
import lineage.sdk.JobRun;
import lineage.sdk.LineageEmitter;

/**
 * Sustained delivery: emits runs (START + COMPLETE, one input and one output with schemas) as fast as one thread can,
 * then waits until every event is delivered, and reports events per second from the first emit to the last
 * delivery. Target: the lineage server ({@code --url}, default http://localhost:5000) or, with {@code --stub}, an
 * in-process endpoint that stores nothing (the SDK's own capacity).
 *
 * <p>Options: {@code --url URL}, {@code --stub}, {@code --events N} (default 20000), {@code --batch-size N} (500),
 * {@code --rounds N} (3).
 */
public final class SdkThroughput {
    private static final DatasetName ORDERS = DatasetNames.trinoTable("trino", 8080, "ordersdb", "public", "orders");

    private SdkThroughput() {}

    public static void main(String[] arguments) throws IOException {
        URI url = URI.create("http://localhost:5000");
        boolean stub = false;
        int events = 20_000;
        int batchSize = 500;
        int rounds = 3;
        for (int index = 0; index < arguments.length; index++) {
            switch (arguments[index]) {
                case "--url" -> url = URI.create(arguments[++index]);
                case "--stub" -> stub = true;
                case "--events" -> events = Integer.parseInt(arguments[++index]);
                case "--batch-size" -> batchSize = Integer.parseInt(arguments[++index]);
                case "--rounds" -> rounds = Integer.parseInt(arguments[++index]);
                default -> throw new IllegalArgumentException("unknown option: " + arguments[index]);
            }
        }
        System.out.printf(
                "cores: %d, target: %s, events per round: %d, batch size: %d%n",
                Runtime.getRuntime().availableProcessors(), stub ? "in-process stub" : url, events, batchSize);
        try (StubLineageServer server = stub ? new StubLineageServer() : null) {
            URI target = server == null ? url : server.uri();
            for (int round = 0; round < rounds; round++) {
                round(target, events, batchSize, round);
            }
        }
    }

    private static void round(URI target, int events, int batchSize, int round) throws IOException {
        Path spool = Files.createTempDirectory("lineage-throughput-spool");
        try (LineageEmitter emitter = LineageEmitter.builder()
                .url(target)
                .namespace("throughput")
                .spoolDirectory(spool)
                .queueCapacity(events + 1)
                .maxBatchSize(batchSize)
                .requestTimeout(Duration.ofSeconds(60))
                .build()) {
            long start = System.nanoTime();
            for (int run = 0; run < events / 2; run++) {
                DatasetName output =
                        DatasetNames.trinoTable("trino", 8080, "insights", "throughput", "table_" + (run % 1000));
                JobRun jobRun = emitter.start("job_" + (run % 1000));
                jobRun.input(ORDERS, Field.of("id", "bigint"));
                jobRun.output(output, Field.of("order_count", "bigint"));
                jobRun.complete();
            }
            long emitted = System.nanoTime();
            boolean delivered = emitter.flush(Duration.ofMinutes(10));
            long end = System.nanoTime();
            EmitterCounters counters = emitter.counters();
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %s %,d events in %.2f s = %,.0f events/s (emitting took %.3f s on the job thread) %s%n",
                    round + 1,
                    delivered ? "delivered" : "NOT delivered",
                    counters.sent(),
                    (end - start) / 1e9,
                    counters.sent() / ((end - start) / 1e9),
                    (emitted - start) / 1e9,
                    counters);
        }
    }
}
