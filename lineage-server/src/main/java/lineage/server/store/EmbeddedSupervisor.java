package lineage.server.store;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the embedded PostgreSQL's postmaster and starts it again, on the same data directory and port, when it dies.
 * PostgreSQL itself refuses to start while backends of the dead postmaster still hold its shared memory, so the
 * supervisor first waits for the backends it last saw to exit, then retries with a growing pause until it starts.
 * Crash recovery replays the write-ahead log: with fsync and synchronous commit on, nothing committed is lost.
 *
 * <p>All state but the counters is touched by the one supervisor thread only.
 */
final class EmbeddedSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSupervisor.class);
    private static final AtomicLong RESTARTS_IN_PROCESS = new AtomicLong();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(30);
    private static final int OUTPUT_LINES_KEPT = 20;

    private final Path postgresData;
    private final int port;
    private final Duration interval;
    private final AtomicLong restarts = new AtomicLong();
    private final ScheduledExecutorService thread;
    private long postmasterPid;
    private List<ProcessHandle> backends = List.of();
    private long diedAt;
    private long nextAttempt;
    private int failedAttempts;

    private EmbeddedSupervisor(Path postgresData, int port, Duration interval) {
        this.postgresData = postgresData;
        this.port = port;
        this.interval = interval;
        this.postmasterPid = readPostmasterPid(postgresData)
                .orElseThrow(() -> new IllegalStateException("no running PostgreSQL in " + postgresData));
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread daemon = new Thread(runnable, "embedded-postgres-supervisor");
            daemon.setDaemon(true);
            return daemon;
        });
    }

    /** Starts watching the running PostgreSQL of the data directory every {@code interval}. */
    static EmbeddedSupervisor watch(Path postgresData, int port, Duration interval) {
        EmbeddedSupervisor supervisor = new EmbeddedSupervisor(postgresData, port, interval);
        supervisor.thread.scheduleWithFixedDelay(
                supervisor::checkSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return supervisor;
    }

    /** How many times this supervisor started PostgreSQL again. */
    long restarts() {
        return restarts.get();
    }

    /** How many times any supervisor of this process started its PostgreSQL again (for the metric). */
    static long restartsInProcess() {
        return RESTARTS_IN_PROCESS.get();
    }

    /** Stops watching (before PostgreSQL is stopped on purpose), waiting for a start under way to finish. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException exception) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** The process id in the data directory's {@code postmaster.pid}, if there is one. */
    static Optional<Long> readPostmasterPid(Path postgresData) {
        Path file = postgresData.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        } catch (IOException exception) {
            throw new UncheckedIOException("cannot read " + file, exception);
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException exception) {
            LOG.warn("Supervising the embedded PostgreSQL on port {} failed; trying again", port, exception);
        }
    }

    private void check() {
        Optional<ProcessHandle> postmaster = ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive);
        if (postmaster.isPresent()) {
            backends = postmaster.get().children().toList();
            return;
        }
        Optional<Long> current = readPostmasterPid(postgresData).filter(EmbeddedSupervisor::isAlive);
        if (current.isPresent() && current.get() != postmasterPid) {
            // Started again by someone else (an operator's pg_ctl restart): watch that one.
            LOG.info("The embedded PostgreSQL on port {} now runs as pid {}", port, current.get());
            postmasterPid = current.get();
            return;
        }
        long now = System.nanoTime();
        if (diedAt == 0) {
            diedAt = now;
            nextAttempt = now;
            LOG.warn("The embedded PostgreSQL (pid {}) on port {} died: starting it again", postmasterPid, port);
        }
        if (backends.stream().anyMatch(ProcessHandle::isAlive) || now - nextAttempt < 0) {
            return;
        }
        if (start()) {
            long downMillis = Duration.ofNanos(System.nanoTime() - diedAt).toMillis();
            restarts.incrementAndGet();
            RESTARTS_IN_PROCESS.incrementAndGet();
            LOG.info(
                    "The embedded PostgreSQL is back (pid {}) on port {} after {} ms", postmasterPid, port, downMillis);
            diedAt = 0;
            failedAttempts = 0;
            backends = List.of();
        } else {
            failedAttempts++;
            long pause = Math.min(MAX_PAUSE.toNanos(), interval.toNanos() << Math.min(failedAttempts, 10));
            nextAttempt = System.nanoTime() + pause;
        }
    }

    /** Starts the postmaster with the options of its last start; whether it runs now. */
    private boolean start() {
        try {
            List<String> command = startCommand();
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            Deque<String> output = new ArrayDeque<>();
            Thread reader = new Thread(() -> logOutput(process, output), "embedded-postgres-output");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(START_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            Optional<Long> pid = readPostmasterPid(postgresData).filter(EmbeddedSupervisor::isAlive);
            if (process.exitValue() == 0 && pid.isPresent()) {
                postmasterPid = pid.get();
                return true;
            }
            LOG.warn(
                    "The embedded PostgreSQL on port {} did not start (attempt {}): {}",
                    port,
                    failedAttempts + 1,
                    lastLines(output));
            return false;
        } catch (IOException | UncheckedIOException exception) {
            LOG.warn("Cannot start the embedded PostgreSQL on port {}", port, exception);
            return false;
        } catch (InterruptedException exception) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * {@code pg_ctl start} with the options the postmaster recorded in {@code postmaster.opts} at its last start (the
     * port, fsync, synchronous commit, listen addresses...), run as the embedded PostgreSQL always is.
     */
    private List<String> startCommand() throws IOException {
        String recorded = Files.readString(postgresData.resolve("postmaster.opts"), StandardCharsets.UTF_8)
                .strip();
        int optionsStart = recorded.indexOf(" \"");
        Path binaries = Path.of(recorded.substring(0, optionsStart)).getParent();
        // pg_ctl names the data directory itself: drop the recorded one so that restarts do not pile them up.
        String options = recorded.substring(optionsStart + 1).replaceAll("\"-D\" \"[^\"]*\"\\s*", "");
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As the embedded PostgreSQL does when run by root, which PostgreSQL refuses as its user.
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(binaries.resolve("pg_ctl").toString());
        command.addAll(List.of("-D", postgresData.toString(), "-o", options, "-w", "-t"));
        command.addAll(List.of(String.valueOf(START_TIMEOUT.toSeconds()), "start"));
        return command;
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent();
    }

    /** pg_ctl's output, and the postmaster's as long as it lives: DEBUG, the last lines kept for a failed start. */
    private static void logOutput(Process process, Deque<String> kept) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.debug("postgres: {}", line);
                synchronized (kept) {
                    kept.addLast(line);
                    if (kept.size() > OUTPUT_LINES_KEPT) {
                        kept.removeFirst();
                    }
                }
            }
        } catch (IOException closed) {
            LOG.debug("The embedded PostgreSQL's output closed", closed);
        }
    }

    private static String lastLines(Deque<String> kept) {
        synchronized (kept) {
            return String.join(" | ", kept);
        }
    }
}
