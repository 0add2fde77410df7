package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import lineage.sdk.DatasetNames.DatasetName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server goes away mid-stream and comes back (same port, same database): every event arrives, once. */
class SpoolIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final DatasetName SOURCE = DatasetNames.postgresTable("db", 5432, "shop", "public", "orders");

    @TempDir
    Path spool;

    @Test
    void everyEventEmittedWhileTheServerIsDownArrivesWhenItIsBack() {
        try (TestingLineageServer server = new TestingLineageServer();
                LineageEmitter emitter = emitter(server)) {
            List<UUID> runIds = new ArrayList<>();
            emitRuns(emitter, "before", 10, runIds);
            assertThat(emitter.flush(TIMEOUT)).isTrue();
            assertThat(emitter.counters().sent()).isEqualTo(20);

            server.stop();
            emitRuns(emitter, "during", 100, runIds);
            await(() -> emitter.counters().pending() == 0, emitter);
            EmitterCounters down = emitter.counters();
            assertThat(down.spooled()).as("%s", down).isEqualTo(200);
            assertThat(down.sent()).isEqualTo(20);
            assertThat(down.spoolFiles()).isPositive();
            assertThat(emitter.flush(Duration.ofMillis(100)))
                    .as("nothing can arrive while the server is down")
                    .isFalse();

            server.start();
            assertThat(emitter.flush(TIMEOUT)).as("%s", emitter.counters()).isTrue();
            emitRuns(emitter, "after", 10, runIds);
            assertThat(emitter.flush(TIMEOUT)).as("%s", emitter.counters()).isTrue();

            assertThat(emitter.counters()).isEqualTo(new EmitterCounters(240, 0, 200, 0, 0, 0));
            assertThat(server.get("/api/v1/events/lineage?limit=1")
                            .path("totalCount")
                            .asLong())
                    .isEqualTo(240);
            for (UUID runId : runIds) {
                assertThat(server.get("/api/v1/jobs/runs/" + runId)
                                .path("state")
                                .asText())
                        .as("run %s", runId)
                        .isEqualTo("COMPLETED");
            }
        }
    }

    @Test
    void eventsLeftInTheSpoolAtCloseAreSentByTheNextEmitterOnTheSameDirectory() {
        try (TestingLineageServer server = new TestingLineageServer()) {
            server.stop();
            List<UUID> runIds = new ArrayList<>();
            try (LineageEmitter first = emitter(server)) {
                emitRuns(first, "left", 5, runIds);
                await(() -> first.counters().pending() == 0, first);
                assertThat(first.counters().spooled()).isEqualTo(10);
            }

            server.start();
            try (LineageEmitter second = emitter(server)) {
                assertThat(second.flush(TIMEOUT)).as("%s", second.counters()).isTrue();
                assertThat(second.counters().sent()).isEqualTo(10);
            }
            JsonNode events = server.get("/api/v1/events/lineage?limit=1");
            assertThat(events.path("totalCount").asLong()).isEqualTo(10);
            for (UUID runId : runIds) {
                assertThat(server.get("/api/v1/jobs/runs/" + runId)
                                .path("state")
                                .asText())
                        .isEqualTo("COMPLETED");
            }
        }
    }

    private LineageEmitter emitter(TestingLineageServer server) {
        return LineageEmitter.builder()
                .url(server.uri())
                .namespace("spool_it")
                .spoolDirectory(spool)
                .maxBatchSize(25)
                .retryInterval(Duration.ofMillis(20), Duration.ofMillis(200))
                .closeTimeout(Duration.ofMillis(200))
                .build();
    }

    private static void emitRuns(LineageEmitter emitter, String prefix, int count, List<UUID> runIds) {
        for (int index = 0; index < count; index++) {
            try (JobRun run = emitter.start(prefix + "_job_" + index)) {
                runIds.add(run.runId());
                run.input(SOURCE).complete();
            }
        }
    }

    /** Waits for a condition of the emitter, woken by its progress, until a deadline. */
    private static void await(BooleanSupplier condition, LineageEmitter emitter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline)
                    .as("waited for %s", emitter.counters())
                    .isNegative();
            emitter.flush(Duration.ofMillis(20));
        }
    }
}
