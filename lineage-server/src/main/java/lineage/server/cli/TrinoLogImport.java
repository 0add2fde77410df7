package lineage.server.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.ingest.LineageEvent;
import lineage.server.trino.TrinoClusters;
import lineage.server.trino.TrinoEventMapper;
import lineage.server.trino.TrinoMapping;
import lineage.server.trino.TrinoQueryLogs;

/**
 * {@code lineage import-trino-log FILE…}: reads Trino query logs with {@link TrinoQueryLogs} (JSON Lines of
 * QueryCompletedEvent, CSV or JSON exports of {@code system.runtime.queries}) and posts each query, as the
 * QueryCompletedEvent it stands for, to the server's {@code POST /api/v1/trino/events}, four at a time. The server maps
 * it again with its own namespace; the local mapping only checks the record and counts its edges. Records that cannot be
 * used are skipped and counted by reason, locally or as the server answered.
 */
final class TrinoLogImport {
    private static final int CONCURRENCY = 4;
    private static final int BAR_WIDTH = 30;

    private final PrintStream out;
    private final PrintStream err;
    private final boolean progress;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, Integer> skipped = new TreeMap<>();
    private final AtomicLong bytesRead = new AtomicLong();
    private int queries;
    private long edges;
    private Optional<String> connectionError = Optional.empty();

    TrinoLogImport(PrintStream out, PrintStream err, boolean progress) {
        this.out = out;
        this.err = err;
        this.progress = progress;
    }

    /** Imports the files in order; returns the exit status (0, or 2 on a file or connection error). */
    int run(
            List<Path> files,
            String server,
            Optional<String> apiKey,
            Optional<String> catalog,
            Optional<String> schema) {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                err.println("lineage import-trino-log: no file " + file);
                return LineageCli.ERROR;
            }
        }
        long total = files.stream().mapToLong(file -> file.toFile().length()).sum();
        TrinoQueryLogs logs = new TrinoQueryLogs(
                new TrinoEventMapper(
                        TrinoClusters.fixed(Optional.empty()), new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES)),
                catalog,
                schema);
        URI endpoint = URI.create(server.replaceAll("/+$", "") + "/api/v1/trino/events");
        long started = System.nanoTime();
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
        Semaphore inFlight = new Semaphore(CONCURRENCY * 2);
        Consumer<TrinoMapping> send = mapping -> {
            acquire(inFlight);
            senders.execute(() -> {
                try {
                    post(endpoint, apiKey, mapping);
                } finally {
                    inFlight.release();
                }
            });
            showProgress(total);
        };
        try {
            for (Path file : files) {
                if (!read(file, logs, send)) {
                    return LineageCli.ERROR;
                }
            }
        } finally {
            senders.shutdown();
            awaitTermination(senders);
        }
        if (progress) {
            err.print("\r" + " ".repeat(BAR_WIDTH + 40) + "\r");
        }
        return summary(files.size(), server, (System.nanoTime() - started) / 1e9);
    }

    /** Reads one file, giving each query to {@code send}; false (and a message) when the file cannot be read. */
    private boolean read(Path file, TrinoQueryLogs logs, Consumer<TrinoMapping> send) {
        try (BufferedReader reader = reader(file)) {
            TrinoQueryLogs.Summary summary = logs.read(reader, send);
            synchronized (this) {
                summary.skipped().forEach((reason, count) -> skipped.merge(reason, count, Integer::sum));
            }
            return true;
        } catch (NoSuchFileException missing) {
            err.println("lineage import-trino-log: no file " + file);
            return false;
        } catch (IOException unreadable) {
            err.println("lineage import-trino-log: cannot read " + file + ": " + unreadable.getMessage());
            return false;
        }
    }

    private synchronized int summary(int files, String server, double seconds) {
        out.printf(
                Locale.ROOT,
                "%d queries imported into %s (%d edges) from %d file(s) in %.1f s%n",
                queries,
                server,
                edges,
                files,
                seconds);
        int skips = skipped.values().stream().mapToInt(Integer::intValue).sum();
        out.println(skips + " skipped" + (skips == 0 ? "" : ":"));
        skipped.forEach((reason, count) -> out.println("  " + count + "  " + reason));
        if (connectionError.isPresent()) {
            err.println("lineage import-trino-log: cannot reach " + server + ": " + connectionError.get());
            return LineageCli.ERROR;
        }
        return LineageCli.OK;
    }

    private void post(URI endpoint, Optional<String> apiKey, TrinoMapping mapping) {
        synchronized (this) {
            if (connectionError.isPresent()) {
                skipped.merge("not sent: the server could not be reached", 1, Integer::sum);
                return;
            }
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(mapping.received().toString()));
        apiKey.ifPresent(key -> request.header("Authorization", "Bearer " + key));
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            synchronized (this) {
                if (response.statusCode() == 200) {
                    queries++;
                    edges += size(mapping.event().inputs())
                            + size(mapping.event().outputs());
                } else {
                    skipped.merge("server answered " + response.statusCode(), 1, Integer::sum);
                }
            }
        } catch (IOException failure) {
            synchronized (this) {
                connectionError = Optional.of(String.valueOf(failure.getMessage()));
                skipped.merge("not sent: the server could not be reached", 1, Integer::sum);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int size(Optional<List<LineageEvent.DatasetRef>> datasets) {
        return datasets.map(List::size).orElse(0);
    }

    private void showProgress(long total) {
        if (!progress || total == 0) {
            return;
        }
        double done = Math.min(1.0, bytesRead.get() / (double) total);
        int filled = (int) Math.round(done * BAR_WIDTH);
        int sent;
        synchronized (this) {
            sent = queries;
        }
        err.printf(
                Locale.ROOT,
                "\r[%s%s] %3d%%  %,d queries imported",
                "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled),
                Math.round(done * 100),
                sent);
    }

    private BufferedReader reader(Path file) throws IOException {
        InputStream counted = new FilterInputStream(Files.newInputStream(file)) {
            @Override
            public int read() throws IOException {
                int value = super.read();
                if (value >= 0) {
                    bytesRead.incrementAndGet();
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, length);
                if (count > 0) {
                    bytesRead.addAndGet(count);
                }
                return count;
            }
        };
        return new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    }

    private static void acquire(Semaphore semaphore) {
        try {
            semaphore.acquire();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", interrupted);
        }
    }

    private static void awaitTermination(ExecutorService senders) {
        try {
            if (!senders.awaitTermination(10, TimeUnit.MINUTES)) {
                senders.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            senders.shutdownNow();
        }
    }
}
