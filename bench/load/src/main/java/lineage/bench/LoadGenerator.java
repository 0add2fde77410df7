/*
 * Load generator for the lineage server (issue: "Lineage server ... Benchmark").
 *
 * Builds a layered synthetic DAG (default 2,000 jobs, 3,000 datasets, 20 layers; each job reads 1-3 datasets of
 * earlier layers and writes one), posts START + COMPLETE per job run, first one event per request with N concurrent
 * senders, then in batches, and finally times GET /api/v1/lineage at depth 20 and depth 5 from a root dataset.
 * Only the JDK: run it with `java bench/LoadGenerator.java [options]` against a running server (bin/lineage-server).
 *
 * Before anything is timed, the same DAG is posted once under a separate namespace, singly and in batches (--warmup 0
 * turns that off): a freshly started server JVM spends its first minute compiling, and a run that measures the
 * compiler measures start-up, not throughput.
 *
 * Requests go over plain HTTP/1.1 keep-alive connections, one per sender thread (--client socket, the default): the
 * generator shares the machine's cores with the server and PostgreSQL, and the JDK's HttpClient spends about 1 ms of
 * CPU per request here, as much as the server. --client jdk uses java.net.http.HttpClient instead.
 *
 * Options: --url http://localhost:5000  --jobs 2000  --datasets 3000  --layers 20  --concurrency 8
 *          --batch-size 500  --queries 300  --seed 42  --namespace-prefix bench  --warmup 2  --client socket
 *          --phases single,batch,lineage (which timed phases run, "none" for the warm-up alone; the lineage queries
 *          need the single phase's data; "rerun", not in the default, posts the batch phase's DAG again in batches, a
 *          second run of every job a day later: jobs, datasets and edges the server already knows, as in a deployment
 *          whose jobs run every day, where the batch phase sees every job and dataset for the first time)
 */
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
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
    /** When the first run of the DAG's jobs starts (event times are fixed, so a run posted twice is a duplicate). */
    private static final Instant FIRST_RUN = Instant.parse("2026-11-23T00:00:00Z");

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;
    private final boolean socketClient;
    private final ThreadLocal<Connection> connections = new ThreadLocal<>();

    private LoadGenerator(Map<String, String> options) {
        this.options = options;
        this.base = URI.create(option("url", "http://localhost:5000"));
        this.socketClient = switch (option("client", "socket")) {
            case "socket" -> true;
            case "jdk" -> false;
            default -> throw new IllegalArgumentException("--client must be socket or jdk");
        };
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
        List<String> phases = List.of(option("phases", "single,batch,lineage").split(","));
        for (int round = 0; round < intOption("warmup", 2); round++) {
            long start = System.nanoTime();
            postSingly(events(dag, prefix + "-warmup" + round + "-single", FIRST_RUN), concurrency);
            postBatches(events(dag, prefix + "-warmup" + round + "-batch", FIRST_RUN), batchSize, concurrency);
            System.out.printf("warm-up round %d (not timed): %.1f s%n", round + 1, (System.nanoTime() - start) / 1e9);
        }
        System.out.printf("client: %s%n", socketClient ? "HTTP/1.1 over sockets, one connection per sender" : "JDK HttpClient");
        String singleNamespace = prefix + "-single";
        if (phases.contains("single")) {
            List<String> singleEvents = events(dag, singleNamespace, FIRST_RUN);
            double singleRate = postSingly(singleEvents, concurrency);
            System.out.printf("single-event: %d events, concurrency %d: %.0f events/s%n", singleEvents.size(),
                    concurrency, singleRate);
        }
        String batchNamespace = prefix + "-batch";
        if (phases.contains("batch")) {
            List<String> batchEvents = events(dag, batchNamespace, FIRST_RUN);
            double batchRate = postBatches(batchEvents, batchSize, concurrency);
            System.out.printf("batched: %d events in batches of %d, concurrency %d: %.0f events/s%n",
                    batchEvents.size(), batchSize, concurrency, batchRate);
        }
        if (phases.contains("rerun") && phases.contains("batch")) {
            List<String> rerunEvents = events(dag, batchNamespace, FIRST_RUN.plus(Duration.ofDays(1)));
            double rerunRate = postBatches(rerunEvents, batchSize, concurrency);
            System.out.printf("batched, known jobs (their second run): %d events in batches of %d, concurrency %d:"
                    + " %.0f events/s%n", rerunEvents.size(), batchSize, concurrency, rerunRate);
        }
        if (phases.contains("lineage") && phases.contains("single")) {
            String root = "dataset:" + singleNamespace + ":" + widestSource(dag);
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

    /** START and COMPLETE for a new run of every job, in DAG order, from {@code start} on. */
    static List<String> events(List<Job> dag, String namespace, Instant start) {
        List<String> events = new ArrayList<>(dag.size() * 2);
        Instant time = start;
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
                Response response = post(batches.get(index));
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
        int warmUp = Math.max(20, queries / 5);
        long bytes = 0;
        int nodes = 0;
        double[] millis = new double[queries];
        for (int index = -warmUp; index < queries; index++) {
            long start = System.nanoTime();
            Response response = send("GET", uri, null);
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

    /** A response: its status and its body as text. */
    record Response(int statusCode, String body) {}

    private Response post(String body) throws Exception {
        return send("POST", base.resolve("/api/v1/lineage"), body);
    }

    private Response send(String method, URI uri, String body) throws Exception {
        if (!socketClient) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri);
            if (body == null) {
                request.GET();
            } else {
                request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        }
        Connection connection = connections.get();
        if (connection == null) {
            connection = new Connection(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
            connections.set(connection);
        }
        return connection.send(method, uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** One HTTP/1.1 keep-alive connection: a request is written, then its response read whole, in turn. */
    static final class Connection {
        private final String host;
        private final OutputStream out;
        private final InputStream in;

        Connection(String host, int port) throws IOException {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), 10_000);
            this.host = host + ":" + port;
            this.out = new BufferedOutputStream(socket.getOutputStream(), 65_536);
            this.in = new BufferedInputStream(socket.getInputStream(), 65_536);
        }

        Response send(String method, String path, byte[] body) throws IOException {
            StringBuilder head = new StringBuilder(160).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            if (body != null) {
                head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String status = line();
            int statusCode = Integer.parseInt(status.substring(9, 12));
            int length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream content = new ByteArrayOutputStream(Math.max(0, length));
            if (chunked) {
                for (int size = Integer.parseInt(line().split(";")[0].strip(), 16); size > 0;
                        size = Integer.parseInt(line().split(";")[0].strip(), 16)) {
                    content.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                content.write(in.readNBytes(length));
            }
            return new Response(statusCode, content.toString(StandardCharsets.UTF_8));
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int next = in.read(); next != '\n'; next = in.read()) {
                if (next < 0) {
                    throw new IOException("the server closed the connection");
                }
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            return line.toString();
        }
    }

    private static void expect(Response response, int status) {
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
