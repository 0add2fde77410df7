/*
 * Trino ingestion benchmark (issue 4: "ingest of QueryCompletedEvents ... >= 100 events/s, and of small events
 * (<= 5 KB) >= 2,000 events/s ... report events/s and MB/s").
 *
 * Posts the real QueryCompletedEvents of the jaffle-mesh captures (lineage-server/src/test/resources/fixtures/trino/476,
 * 22 events, 1.9 KB to 594 KB, median about 190 KB) to POST /api/v1/trino/events, each with a fresh query id so none is
 * a duplicate: "mixed" cycles through all 22 (the captures' size mix), "small" through those of at most 5 KB. After a
 * warm-up it times `--rounds` rounds of `--events` events with `--concurrency` senders and prints each round and the
 * median. Only the JDK: `java bench/TrinoIngestLoad.java [options]` against a running server.
 *
 * Options: --url http://localhost:5000  --mix mixed|small  --events 1000  --rounds 3  --warmup 200  --concurrency 4
 *          --fixtures lineage-server/src/test/resources/fixtures/trino/476  --sql same|unique
 *
 * --sql unique ends each query text with a comment holding its query id, so that no two texts are the same and the
 * server's cache of parsed SQL never answers (the job names stay the same: a fingerprint leaves comments out). With
 * --sql same (the default) the captures' texts repeat, as a dashboard's or a scheduled job's do.
 */
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

public final class TrinoIngestLoad {
    private static final Pattern QUERY_ID = Pattern.compile("\"queryId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern QUERY_TEXT = Pattern.compile("\"query\"\\s*:\\s*\"");
    private static final int SMALL = 5 * 1024;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI endpoint;
    private final List<String> templates;
    private final List<String> queryIds = new ArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    private final String tag = Long.toString(System.currentTimeMillis() % 100_000_000L, 36);
    private final boolean uniqueSql;

    private TrinoIngestLoad(URI endpoint, List<String> templates, boolean uniqueSql) {
        this.endpoint = endpoint;
        this.templates = templates;
        this.uniqueSql = uniqueSql;
        for (String template : templates) {
            Matcher matcher = QUERY_ID.matcher(template);
            if (!matcher.find()) {
                throw new IllegalArgumentException("a capture without metadata.queryId");
            }
            queryIds.add(matcher.group(1));
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int index = 0; index + 1 < args.length; index += 2) {
            options.put(args[index].replaceFirst("^--", ""), args[index + 1]);
        }
        String mix = options.getOrDefault("mix", "mixed");
        int events = Integer.parseInt(options.getOrDefault("events", "1000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "200"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "4"));
        String sql = options.getOrDefault("sql", "same");
        if (!sql.equals("same") && !sql.equals("unique")) {
            throw new IllegalArgumentException("--sql must be same or unique");
        }
        Path fixtures = Path.of(options.getOrDefault("fixtures", "lineage-server/src/test/resources/fixtures/trino/476"));
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
        long[] sizes = templates.stream().mapToLong(text -> text.getBytes(StandardCharsets.UTF_8).length).sorted().toArray();
        System.out.printf(Locale.ROOT, "%s: %d captures, %,d to %,d bytes, median %,d; %d senders; %s query texts%n",
                mix, sizes.length, sizes[0], sizes[sizes.length - 1], sizes[sizes.length / 2], concurrency,
                sql.equals("same") ? "repeated" : "unique");
        TrinoIngestLoad load = new TrinoIngestLoad(URI.create(options.getOrDefault("url", "http://localhost:5000")
                .replaceAll("/+$", "") + "/api/v1/trino/events"), templates, sql.equals("unique"));
        load.round(warmup, concurrency);
        List<double[]> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            double[] result = load.round(events, concurrency);
            results.add(result);
            System.out.printf(Locale.ROOT, "round %d: %d events in %.2f s = %.1f events/s, %.2f MB/s%n",
                    round, events, result[0], result[1], result[2]);
        }
        results.sort((left, right) -> Double.compare(left[1], right[1]));
        double[] median = results.get(results.size() / 2);
        System.out.printf(Locale.ROOT, "median: %.1f events/s, %.2f MB/s (%s, %d rounds of %d events)%n",
                median[1], median[2], mix, rounds, events);
    }

    /** Seconds, events/s and MB/s (10^6 bytes) of posting {@code events} events. */
    private double[] round(int events, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ExecutorService senders = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int worker = 0; worker < concurrency; worker++) {
            workers.add(senders.submit(() -> {
                for (int index = next.getAndIncrement(); index < events; index = next.getAndIncrement()) {
                    bytes.addAndGet(post(index % templates.size()));
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
            senders.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new double[] {seconds, events / seconds, bytes.get() / 1e6 / seconds};
    }

    /** Posts a capture under a new query id of the same shape; returns its size. */
    private long post(int template) throws IOException, InterruptedException {
        String queryId = String.format(Locale.ROOT, "20261201_000000_%05d_%s", sequence.incrementAndGet() % 100_000, tag)
                + "_" + sequence.get();
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
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Content-Type", "application/json; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the server answered " + response.statusCode() + ": " + response.body());
        }
        return body.length;
    }
}
