package lineage.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No server at all (a port nobody listens on): jobs run as if lineage did not exist, events wait on disk. */
class UnreachableServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path spool;

    @Test
    void jobsRunNormallyAndTheirEventsWaitInTheSpool() throws IOException {
        try (LineageEmitter emitter = emitter(256 * 1024)) {
            emitter.run("job", run -> run.sql("INSERT INTO a.b.c SELECT * FROM a.b.d"));
            assertThatThrownBy(() -> emitter.run("failing", run -> {
                        throw new IllegalStateException("boom");
                    }))
                    .hasMessage("boom");
            awaitSettled(emitter);

            EmitterCounters counters = emitter.counters();
            assertThat(counters.spooled()).isEqualTo(4);
            assertThat(counters.sent()).isZero();
            assertThat(counters.dropped()).isZero();
            assertThat(emitter.flush(Duration.ofMillis(50))).isFalse();
        }
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.filter(file -> file.toString().endsWith(".jsonl")).count())
                    .isPositive();
        }
    }

    @Test
    void eventsAreDroppedOnlyWhenTheSpoolIsFull() {
        // One event per batch, so that the spool takes the first few and refuses the rest.
        try (LineageEmitter emitter = emitter(3_000, 1)) {
            for (int index = 0; index < 20; index++) {
                emitter.start("job_" + index).complete();
            }
            awaitSettled(emitter);

            EmitterCounters counters = emitter.counters();
            assertThat(counters.dropped()).as("%s", counters).isPositive();
            assertThat(counters.spooled()).isPositive();
            assertThat(counters.spooled() + counters.dropped()).isEqualTo(40);
        }
    }

    @Test
    void closeReturnsWithinItsTimeoutWhenTheServerNeverAnswers() {
        LineageEmitter emitter = emitter(256 * 1024);
        emitter.start("job").complete();
        long start = System.nanoTime();

        emitter.close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(emitter.counters().pending()).isZero();
        assertThat(emitter.counters().spooled()).isEqualTo(2);
    }

    private LineageEmitter emitter(long maxSpoolBytes) {
        return emitter(maxSpoolBytes, 500);
    }

    private LineageEmitter emitter(long maxSpoolBytes, int maxBatchSize) {
        return LineageEmitter.builder()
                .maxBatchSize(maxBatchSize)
                .url("http://127.0.0.1:" + closedPort())
                .spoolDirectory(spool)
                .maxSpoolBytes(maxSpoolBytes)
                .retryInterval(Duration.ofMillis(20), Duration.ofMillis(100))
                .closeTimeout(Duration.ofMillis(200))
                .build();
    }

    private static void awaitSettled(LineageEmitter emitter) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (emitter.counters().pending() > 0) {
            assertThat(System.nanoTime() - deadline)
                    .as("waited for %s", emitter.counters())
                    .isNegative();
            emitter.flush(Duration.ofMillis(20));
        }
    }

    /** A port that was free a moment ago: connecting to it is refused. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
