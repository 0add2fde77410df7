package lineage.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load generator for the lineage server (issue: "Lineage server ... Benchmark").
 *
 * Builds a layered synthetic DAG (default 2,000 jobs, 3,000 datasets, 20 layers; each job reads 1-3 datasets of
 * earlier layers and writes one), posts START + COMPLETE per job run, first one event per request with N concurrent
 * senders, then in batches, and finally times GET /api/v1/lineage at depth 20 and depth 5 from a root dataset.
 * Only the JDK: run it with `bench/load.sh LoadGenerator [options]` against a running server (bin/lineage-server).
 *
 * Before anything is timed, the same DAG is posted once under a separate namespace, singly and in batches (--warmup 0
 * turns that off): a freshly started server JVM spends its first minute compiling, and a run that measures the
 * compiler measures start-up, not throughput.
 *
 * Requests go over plain HTTP/1.1 keep-alive connections, one per sender thread (--client socket, the default), or
 * through the JDK's HttpClient (--client jdk): see HttpLoadClient.
 *
 * Options: --url http://localhost:5000  --jobs 2000  --datasets 3000  --layers 20  --concurrency 8
 *          --batch-size 500  --queries 300  --seed 42  --namespace-prefix bench  --warmup 2  --client socket
 *          --names plain (or "aliases": a share of the jobs and datasets named so that the server's identity resolution
 *          rewrites them, for a server configured as Names says)
 *          --facets none (or "standard": every event carries the standard facets a real producer sends, as
 *          StandardFacets writes them: parent, nominalTime, sql, jobType, schema, dataSource, columnLineage)
 *          --phases single,batch,lineage (which timed phases run, "none" for the warm-up alone; the lineage queries
 *          need the single phase's data; "rerun", not in the default, posts the batch phase's DAG again in batches, a
 *          second run of every job a day later: jobs, datasets and edges the server already knows, as in a deployment
 *          whose jobs run every day, where the batch phase sees every job and dataset for the first time)
 */
public final class LoadGenerator {
    /** When the first run of the DAG's jobs starts (event times are fixed, so a run posted twice is a duplicate). */
    private static final Instant FIRST_RUN = Instant.parse("2026-11-23T00:00:00Z");

    private final Options options;
    private final URI base;
    private final HttpLoadClient client;
    private final LineageApi api;
    private final Names names;
    private final boolean facets;

    private LoadGenerator(Options options) {
        this.options = options;
        this.base = URI.create(options.get("url", "http://localhost:5000"));
        this.client = HttpLoadClient.of(options.get("client", "socket"));
        this.api = new LineageApi(client, base);
        this.names = Names.of(options.get("names", "plain"));
        this.facets = switch (options.get("facets", "none")) {
            case "none" -> false;
            case "standard" -> true;
            default -> throw new IllegalArgumentException("--facets must be none or standard");
        };
    }

    public static void main(String[] arguments) throws Exception {
        new LoadGenerator(Options.parse(arguments)).run();
    }

    /** A job of the DAG: the datasets it reads and the one it writes. */
    record Job(String name, List<String> inputs, String output) {}

    private void run() throws Exception {
        int jobs = options.getInt("jobs", 2000);
        int datasets = options.getInt("datasets", 3000);
        int layers = options.getInt("layers", 20);
        int concurrency = options.getInt("concurrency", 8);
        int batchSize = options.getInt("batch-size", 500);
        int queries = options.getInt("queries", 300);
        long seed = Long.parseLong(options.get("seed", "42"));
        String prefix = options.get("namespace-prefix", "bench") + "-" + Long.toString(System.currentTimeMillis(), 36);

        System.out.printf(
                "cores (availableProcessors): %d; server %s%n",
                Runtime.getRuntime().availableProcessors(), base);
        System.out.printf("DAG: %d jobs, %d datasets, %d layers, names %s%n", jobs, datasets, layers, names);

        List<Job> dag = dag(jobs, datasets, layers, new Random(seed));
        List<String> phases =
                List.of(options.get("phases", "single,batch,lineage").split(","));
        for (int round = 0; round < options.getInt("warmup", 2); round++) {
            long start = System.nanoTime();
            postSingly(events(names, facets, dag, prefix + "-warmup" + round + "-single", FIRST_RUN), concurrency);
            postBatches(events(names, facets, dag, prefix + "-warmup" + round + "-batch", FIRST_RUN), batchSize, concurrency);
            System.out.printf("warm-up round %d (not timed): %.1f s%n", round + 1, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("client: %s%n", client.description());
        String singleNamespace = prefix + "-single";
        if (phases.contains("single")) {
            List<String> singleEvents = events(names, facets, dag, singleNamespace, FIRST_RUN);
            double singleRate = postSingly(singleEvents, concurrency);
            System.out.printf(
                    "single-event: %d events, concurrency %d: %.0f events/s%n",
                    singleEvents.size(), concurrency, singleRate);
        }
        String batchNamespace = prefix + "-batch";
        if (phases.contains("batch")) {
            List<String> batchEvents = events(names, facets, dag, batchNamespace, FIRST_RUN);
            double batchRate = postBatches(batchEvents, batchSize, concurrency);
            System.out.printf(
                    "batched: %d events in batches of %d, concurrency %d: %.0f events/s%n",
                    batchEvents.size(), batchSize, concurrency, batchRate);
        }
        if (phases.contains("rerun") && phases.contains("batch")) {
            List<String> rerunEvents = events(names, facets, dag, batchNamespace, FIRST_RUN.plus(Duration.ofDays(1)));
            double rerunRate = postBatches(rerunEvents, batchSize, concurrency);
            System.out.printf(
                    "batched, known jobs (their second run): %d events in batches of %d, concurrency %d:"
                            + " %.0f events/s%n",
                    rerunEvents.size(), batchSize, concurrency, rerunRate);
        }
        if (phases.contains("lineage") && phases.contains("single")) {
            Names.Name source = names.dataset(singleNamespace, widestSource(dag));
            String root = "dataset:" + source.namespace() + ":" + source.name();
            for (int depth : new int[] {20, 5}) {
                timeLineage(root, depth, queries);
            }
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
            job.inputs().forEach(input -> readers.computeIfAbsent(input, key -> new ArrayList<>())
                    .add(job));
        }
        String widest = dag.get(0).inputs().get(0);
        int most = -1;
        for (String dataset : readers.keySet()) {
            if (!dataset.startsWith("lake.raw.")) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            ArrayDeque<String> queue = new ArrayDeque<>(List.of(dataset));
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

    /** START and COMPLETE for a new run of every job, in DAG order, from {@code start} on. */
    static List<String> events(Names names, boolean facets, List<Job> dag, String namespace, Instant start) {
        List<String> events = new ArrayList<>(dag.size() * 2);
        Instant time = start;
        for (int index = 0; index < dag.size(); index++) {
            Job job = dag.get(index);
            Names.Name jobName = names.job(namespace, index, job.name());
            List<Names.Name> inputs = job.inputs().stream()
                    .map(input -> names.dataset(namespace, input))
                    .toList();
            Names.Name output = names.dataset(namespace, job.output());
            UUID runId = UUID.randomUUID();
            events.add(event(jobName, inputs, output, runId, "START", time, facets));
            time = time.plusMillis(10);
            events.add(event(jobName, inputs, output, runId, "COMPLETE", time, facets));
            time = time.plusMillis(10);
        }
        return events;
    }

    private static String event(
            Names.Name job,
            List<Names.Name> inputs,
            Names.Name output,
            UUID runId,
            String type,
            Instant time,
            boolean facets) {
        StringBuilder json = new StringBuilder(facets ? 4096 : 512);
        json.append("{\"eventType\":\"")
                .append(type)
                .append("\",\"eventTime\":\"")
                .append(time)
                .append("\",\"producer\":\"https://github.com/lineage/bench\",")
                .append("\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\",")
                .append("\"run\":{\"runId\":\"")
                .append(runId)
                .append("\"");
        if (facets) {
            StandardFacets.run(json, time);
        }
        json.append("},")
                .append("\"job\":{\"namespace\":\"")
                .append(job.namespace())
                .append("\",\"name\":\"")
                .append(job.name())
                .append("\"");
        if (facets) {
            StandardFacets.job(json, inputs, output);
        }
        json.append("},\"inputs\":[");
        for (int index = 0; index < inputs.size(); index++) {
            json.append(index == 0 ? "" : ",")
                    .append("{\"namespace\":\"")
                    .append(inputs.get(index).namespace())
                    .append("\",\"name\":\"")
                    .append(inputs.get(index).name())
                    .append("\"");
            if (facets) {
                StandardFacets.input(json, inputs.get(index));
            }
            json.append("}");
        }
        json.append("],\"outputs\":[{\"namespace\":\"")
                .append(output.namespace())
                .append("\",\"name\":\"")
                .append(output.name())
                .append("\"");
        if (facets) {
            StandardFacets.output(json, inputs, output);
        }
        json.append("}]}");
        return json.toString();
    }

    private double postSingly(List<String> events, int concurrency) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        LineageApi.concurrently(concurrency, () -> {
            for (int index = next.getAndIncrement(); index < events.size(); index = next.getAndIncrement()) {
                api.post(events.get(index));
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
        LineageApi.concurrently(Math.min(concurrency, batches.size()), () -> {
            for (int index = next.getAndIncrement(); index < batches.size(); index = next.getAndIncrement()) {
                api.postBatch(batches.get(index));
            }
            return null;
        });
        return events.size() / ((System.nanoTime() - start) / 1e9);
    }

    private void timeLineage(String nodeId, int depth, int queries) throws Exception {
        URI uri = api.uri(
                "/api/v1/lineage?depth=" + depth + "&nodeId=" + URLEncoder.encode(nodeId, StandardCharsets.UTF_8));
        Latencies latencies = Latencies.measure(queries, () -> api.get(uri));
        HttpLoadClient.Response last = latencies.last();
        int nodes = last.count("\"type\":\"DATASET\"") + last.count("\"type\":\"JOB\"");
        System.out.printf(
                "lineage depth %d from %s: %d nodes, %d bytes; median %.2f ms, p95 %.2f ms (%d queries)%n",
                depth,
                nodeId,
                nodes,
                last.body().getBytes(StandardCharsets.UTF_8).length,
                latencies.median(),
                latencies.p95(),
                queries);
    }
}
