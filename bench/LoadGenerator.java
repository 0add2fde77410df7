/*
 * Load generator for the lineage server (issue: "Lineage server ... Benchmark").
 *
 * Builds a layered synthetic DAG (default 2,000 jobs, 3,000 datasets, 20 layers; each job reads 1-3 datasets of
 * earlier layers and writes one), posts START + COMPLETE per job run, first one event per request with N concurrent
 * senders, then in batches, and finally times GET /api/v1/lineage at depth 20 and depth 5 from a root dataset.
 * Only the JDK: run it with `java bench/LoadGenerator.java [options]` against a running server (bin/lineage-server).
 *
 * Options: --url http://localhost:5000  --jobs 2000  --datasets 3000  --layers 20  --concurrency 8
 *          --batch-size 500  --queries 300  --seed 42  --namespace-prefix bench
 */
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

public final class LoadGenerator {
    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.base = URI.create(option("url", "http://localhost:5000"));
    }

    public static void main(String[] arguments) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int index = 0; index + 1 < arguments.length; index += 2) {
            if (!arguments[index].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + arguments[index]);
            }
            options.put(arguments[index].substring(2), arguments[index + 1]);
        }
        new LoadGenerator(options).run();
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private int intOption(String name, int fallback) {
        return Integer.parseInt(option(name, String.valueOf(fallback)));
    }

    /** A job of the DAG: the datasets it reads and the one it writes. */
    record Job(String name, List<String> inputs, String output) {}

    private void run() throws Exception {
        int jobs = intOption("jobs", 2000);
        int datasets = intOption("datasets", 3000);
        int layers = intOption("layers", 20);
        int concurrency = intOption("concurrency", 8);
        int batchSize = intOption("batch-size", 500);
        int queries = intOption("queries", 300);
        long seed = Long.parseLong(option("seed", "42"));
        String prefix = option("namespace-prefix", "bench") + "-" + Long.toString(System.currentTimeMillis(), 36);

        System.out.printf("cores (availableProcessors): %d; server %s%n", Runtime.getRuntime().availableProcessors(),
                base);
        System.out.printf("DAG: %d jobs, %d datasets, %d layers%n", jobs, datasets, layers);

        List<Job> dag = dag(jobs, datasets, layers, new Random(seed));
        String singleNamespace = prefix + "-single";
        List<String> singleEvents = events(dag, singleNamespace);
        double singleRate = postSingly(singleEvents, concurrency);
        System.out.printf("single-event: %d events, concurrency %d: %.0f events/s%n", singleEvents.size(),
                concurrency, singleRate);

        String batchNamespace = prefix + "-batch";
        List<String> batchEvents = events(dag, batchNamespace);
        double batchRate = postBatches(batchEvents, batchSize, concurrency);
        System.out.printf("batched: %d events in batches of %d, concurrency %d: %.0f events/s%n",
                batchEvents.size(), batchSize, concurrency, batchRate);

        String root = "dataset:" + singleNamespace + ":" + widestSource(dag);
        for (int depth : new int[] {20, 5}) {
            timeLineage(root, depth, queries);
        }
    }

    /** Datasets in layers 0..layers-1; jobs in layers 1..; each reads 1-3 datasets of earlier layers. */
    static List<Job> dag(int jobs, int datasets, int layers, Random random) {
        int sources = Math.max(1, datasets - jobs);
        List<List<String>> byLayer = new ArrayList<>();
        for (int layer = 0; layer < layers; layer++) {
            byLayer.add(new ArrayList<>());
        }
        for (int index = 0; index < sources; index++) {
            byLayer.get(0).add("lake.raw.source_" + index);
        }
        List<Job> dag = new ArrayList<>();
        for (int index = 0; index < jobs; index++) {
            int layer = 1 + (int) ((long) index * (layers - 1) / jobs);
            int reads = 1 + random.nextInt(3);
            List<String> inputs = new ArrayList<>();
            for (int read = 0; read < reads; read++) {
                int from = random.nextInt(4) == 0 ? random.nextInt(layer) : layer - 1;
                List<String> candidates = byLayer.get(from).isEmpty() ? byLayer.get(0) : byLayer.get(from);
                String input = candidates.get(random.nextInt(candidates.size()));
                if (!inputs.contains(input)) {
                    inputs.add(input);
                }
            }
            String output = "lake.layer_" + layer + ".table_" + index;
            dag.add(new Job("job_" + index, inputs, output));
        }
        for (int index = 0; index < jobs; index++) {
            int layer = 1 + (int) ((long) index * (layers - 1) / jobs);
            byLayer.get(layer).add(dag.get(index).output());
        }
        return dag;
    }

    /** The source dataset with the most downstream jobs: the lineage queries start there. */
    static String widestSource(List<Job> dag) {
        Map<String, List<Job>> readers = new HashMap<>();
        for (Job job : dag) {
            job.inputs().forEach(input -> readers.computeIfAbsent(input, key -> new ArrayList<>()).add(job));
        }
        String widest = dag.get(0).inputs().get(0);
        int most = -1;
        for (String dataset : readers.keySet()) {
            if (!dataset.startsWith("lake.raw.")) {
                continue;
            }
            java.util.Set<String> seen = new java.util.HashSet<>();
            java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(List.of(dataset));
            while (!queue.isEmpty()) {
                for (Job job : readers.getOrDefault(queue.poll(), List.of())) {
                    if (seen.add(job.name())) {
                        queue.add(job.output());
                    }
                }
            }
            if (seen.size() > most || (seen.size() == most && dataset.compareTo(widest) < 0)) {
                most = seen.size();
                widest = dataset;
            }
        }
        return widest;
    }

    /** START and COMPLETE for a run of every job, in DAG order. */
    static List<String> events(List<Job> dag, String namespace) {
        List<String> events = new ArrayList<>(dag.size() * 2);
        Instant time = Instant.parse("2026-11-23T00:00:00Z");
        for (Job job : dag) {
            UUID runId = UUID.randomUUID();
            events.add(event(namespace, job, runId, "START", time));
            time = time.plusMillis(10);
            events.add(event(namespace, job, runId, "COMPLETE", time));
            time = time.plusMillis(10);
        }
        return events;
    }

    private static String event(String namespace, Job job, UUID runId, String type, Instant time) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"eventType\":\"").append(type).append("\",\"eventTime\":\"").append(time)
                .append("\",\"producer\":\"https://github.com/lineage/bench\",")
                .append("\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\",")
                .append("\"run\":{\"runId\":\"").append(runId).append("\"},")
                .append("\"job\":{\"namespace\":\"").append(namespace).append("\",\"name\":\"").append(job.name())
                .append("\"},\"inputs\":[");
        for (int index = 0; index < job.inputs().size(); index++) {
            json.append(index == 0 ? "" : ",").append("{\"namespace\":\"").append(namespace)
                    .append("\",\"name\":\"").append(job.inputs().get(index)).append("\"}");
        }
        json.append("],\"outputs\":[{\"namespace\":\"").append(namespace).append("\",\"name\":\"")
                .append(job.output()).append("\"}]}");
        return json.toString();
    }

    private double postSingly(List<String> events, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runConcurrently(concurrency, () -> {
            for (int index = next.getAndIncrement(); index < events.size(); index = next.getAndIncrement()) {
                expect(post(events.get(index)), 201);
            }
            return null;
        });
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private double postBatches(List<String> events, int batchSize, int concurrency) throws Exception {
        List<String> batches = new ArrayList<>();
        for (int from = 0; from < events.size(); from += batchSize) {
            batches.add("[" + String.join(",", events.subList(from, Math.min(events.size(), from + batchSize))) + "]");
        }
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        runConcurrently(Math.min(concurrency, batches.size()), () -> {
            for (int index = next.getAndIncrement(); index < batches.size(); index = next.getAndIncrement()) {
                HttpResponse<String> response = post(batches.get(index));
                expect(response, 200);
                if (!response.body().contains("\"rejected\":[]")) {
                    throw new IllegalStateException("batch had rejected events: " + response.body());
                }
            }
            return null;
        });
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private void timeLineage(String nodeId, int depth, int queries) throws Exception {
        URI uri = base.resolve("/api/v1/lineage?depth=" + depth + "&nodeId="
                + URLEncoder.encode(nodeId, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        int warmUp = Math.max(20, queries / 5);
        long bytes = 0;
        int nodes = 0;
        double[] millis = new double[queries];
        for (int index = -warmUp; index < queries; index++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            expect(response, 200);
            if (index >= 0) {
                millis[index] = elapsed / 1e6;
                bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
                nodes = count(response.body(), "\"type\":\"DATASET\"") + count(response.body(), "\"type\":\"JOB\"");
            }
        }
        Arrays.sort(millis);
        System.out.printf("lineage depth %d from %s: %d nodes, %d bytes; median %.2f ms, p95 %.2f ms (%d queries)%n",
                depth, nodeId, nodes, bytes, millis[queries / 2], millis[(int) Math.ceil(queries * 0.95) - 1],
                queries);
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }

    private HttpResponse<String> post(String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/v1/lineage"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new IllegalStateException("expected " + status + " but got " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private static void runConcurrently(int threads, java.util.concurrent.Callable<Void> work) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> futures = new ArrayList<>();
            for (int thread = 0; thread < threads; thread++) {
                futures.add(executor.submit(work));
            }
            for (Future<Void> future : futures) {
                future.get();
            }
        } finally {
            executor.shutdownNow();
        }
    }
}
