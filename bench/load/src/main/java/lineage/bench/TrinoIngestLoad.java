package lineage.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Trino ingestion benchmark (issue 4: "ingest of QueryCompletedEvents ... >= 100 events/s, and of small events
 * (<= 5 KB) >= 2,000 events/s ... report events/s and MB/s").
 *
 * Posts the real QueryCompletedEvents of the jaffle-mesh captures (lineage-server/src/test/resources/fixtures/trino/476,
 * 22 events, 1.9 KB to 594 KB, median about 190 KB) to POST /api/v1/trino/events, each with a fresh query id so none is
 * a duplicate: "mixed" cycles through all 22 (the captures' size mix), "small" through those of at most 5 KB. After a
 * warm-up it times `--rounds` rounds of `--events` events with `--concurrency` senders and prints each round and the
 * median. Only the JDK: `bench/load.sh TrinoIngestLoad [options]` against a running server.
 *
 * Options: --url http://localhost:5000  --mix mixed|small  --events 1000  --rounds 3  --warmup 200  --concurrency 4
 *          --fixtures lineage-server/src/test/resources/fixtures/trino/476  --sql same|unique  --client socket|jdk
 *          --server-pid PID  --postgres-pids PID,PID,...  --clock-ticks 100
 *
 * With --server-pid (and --postgres-pids, e.g. the backends serving the server's database), each round also prints
 * the CPU (user + system, from /proc on Linux) those processes spent per event during it: the warm-up's is left out.
 *
 * Requests go over plain HTTP/1.1 keep-alive connections, one per sender and kept from round to round (--client
 * socket, the default), or through the JDK's HttpClient (--client jdk), which spent about 1.5 ms of CPU per small event
 * here, more than the server: see HttpLoadClient.
 *
 * --sql unique ends each query text with a comment holding its query id, so that no two texts are the same and the
 * server's cache of parsed SQL never answers (the job names stay the same: a fingerprint leaves comments out). With
 * --sql same (the default) the captures' texts repeat, as a dashboard's or a scheduled job's do.
 */
public final class TrinoIngestLoad {
    private static final Pattern QUERY_ID = Pattern.compile("\"queryId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern QUERY_TEXT = Pattern.compile("\"query\"\\s*:\\s*\"");
    private static final int SMALL = 5 * 1024;

    private final URI endpoint;
    private final List<String> templates;
    private final List<String> queryIds = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final boolean uniqueSql;
    private final HttpLoadClient client;
    /** One sender (a keep-alive connection) per worker, kept from round to round as Trino's HTTP client keeps its pool. */
    private final List<HttpLoadClient.Sender> senders = new ArrayList<>();

    private TrinoIngestLoad(URI endpoint, List<String> templates, boolean uniqueSql, HttpLoadClient client) {
        this.endpoint = endpoint;
        this.templates = templates;
        this.uniqueSql = uniqueSql;
        this.client = client;
        for (String template : templates) {
            Matcher matcher = QUERY_ID.matcher(template);
            if (!matcher.find()) {
                throw new IllegalArgumentException("a capture without metadata.queryId");
            }
            queryIds.add(matcher.group(1));
        }
    }

    public static void main(String[] arguments) throws Exception {
        Options options = Options.parse(arguments);
        String mix = options.get("mix", "mixed");
        int events = options.getInt("events", 1000);
        int rounds = options.getInt("rounds", 3);
        int warmup = options.getInt("warmup", 200);
        int concurrency = options.getInt("concurrency", 4);
        String sql = options.get("sql", "same");
        if (!sql.equals("same") && !sql.equals("unique")) {
            throw new IllegalArgumentException("--sql must be same or unique");
        }
        HttpLoadClient client = HttpLoadClient.of(options.get("client", "socket"));
        Path fixtures = Path.of(options.get("fixtures", "lineage-server/src/test/resources/fixtures/trino/476"));
        List<String> templates = new ArrayList<>();
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : files.filter(path -> path.toString().endsWith("-http-query-completed.json"))
                    .sorted()
                    .toList()) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (mix.equals("mixed") || text.getBytes(StandardCharsets.UTF_8).length <= SMALL) {
                    templates.add(text);
                }
            }
        }
        long[] sizes = templates.stream()
                .mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length)
                .sorted()
                .toArray();
        System.out.printf(
                Locale.ROOT,
                "%s: %d captures, %,d to %,d bytes, median %,d; %d senders; %s query texts;" + " %s%n",
                mix,
                sizes.length,
                sizes[0],
                sizes[sizes.length - 1],
                sizes[sizes.length / 2],
                concurrency,
                sql.equals("same") ? "repeated" : "unique",
                client.description());
        TrinoIngestLoad load = new TrinoIngestLoad(
                URI.create(options.get("url", "http://localhost:5000").replaceAll("/+$", "") + "/api/v1/trino/events"),
                templates,
                sql.equals("unique"),
                client);
        List<Long> serverPid = pids(options.get("server-pid", ""));
        List<Long> postgresPids = pids(options.get("postgres-pids", ""));
        double msPerTick = 1000.0 / options.getInt("clock-ticks", 100);
        if (warmup > 0) {
            load.round(warmup, concurrency);
        }
        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            long server = cpuTicks(serverPid);
            long postgres = cpuTicks(postgresPids);
            double[] result = load.round(events, concurrency);
            results.add(result);
            String cpu = serverPid.isEmpty()
                    ? ""
                    : String.format(
                            Locale.ROOT,
                            "; CPU per event: server %.2f ms + PostgreSQL %.2f ms",
                            (cpuTicks(serverPid) - server) * msPerTick / events,
                            (cpuTicks(postgresPids) - postgres) * msPerTick / events);
            System.out.printf(
                    Locale.ROOT,
                    "round %d: %d events in %.2f s = %.1f events/s, %.2f MB/s%s%n",
                    round,
                    events,
                    result[0],
                    result[1],
                    result[2],
                    cpu);
        }
        results.sort((left, right) -> Double.compare(left[1], right[1]));
        double[] median = results.get(results.size() / 2);
        System.out.printf(
                Locale.ROOT,
                "median: %.1f events/s, %.2f MB/s (%s, %d rounds of %d events)%n",
                median[1],
                median[2],
                mix,
                rounds,
                events);
    }

    private static List<Long> pids(String list) {
        return list.isBlank()
                ? List.of()
                : Stream.of(list.split(","))
                        .map(String::strip)
                        .map(Long::valueOf)
                        .toList();
    }

    /** The user + system clock ticks the processes have used (0 for one that is gone). */
    private static long cpuTicks(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
            } catch (IOException gone) {
                // a process that ended has no more CPU to count
            }
        }
        return ticks;
    }

    /** Seconds, events/s and MB/s (10^6 bytes) of posting {@code events} events. */
    private double[] round(int events, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        while (senders.size() < concurrency) {
            senders.add(client.connect(endpoint));
        }
        ExecutorService threads = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            HttpLoadClient.Sender sender = senders.get(worker);
            workers.add(threads.submit(() -> {
                for (int index = next.getAndIncrement(); index < events; index = next.getAndIncrement()) {
                    bytes.addAndGet(post(index % templates.size(), sender));
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            // A failed post must end the run, not leave the other senders' threads keeping the JVM alive.
            threads.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new double[] {seconds, events / seconds, bytes.get() / 1e6 / seconds};
    }

    /** Posts a capture under a new query id of the same shape; returns its size. */
    private long post(int template, HttpLoadClient.Sender sender) throws IOException, InterruptedException {
        String queryId =
                String.format(Locale.ROOT, "20261201_000000_%05d_%s", sequence.incrementAndGet() % 100_000, tag) + "_"
                        + sequence.get();
        String text = templates.get(template).replace(queryIds.get(template), queryId);
        if (uniqueSql) {
            Matcher query = QUERY_TEXT.matcher(text);
            if (query.find()) {
                int end = query.end();
                while (text.charAt(end) != '"') {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                text = text.substring(0, end) + " /* " + queryId + " */" + text.substring(end);
            }
        }
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        sender.send("POST", endpoint, "application/json; charset=utf-8", body).expect(200);
        return body.length;
    }
}
