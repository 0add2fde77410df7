package lineage.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The identity-merge benchmark's timed part (bench/identity-merge-benchmark.sh; issue 19: "Merging a cluster alias over
 * a graph of 100,000 datasets: under 10 s, with ingestion continuing meanwhile").
 *
 * <p>Against a server whose store already holds the alias namespace's graph: one sender posts OpenLineage run events at
 * a steady rate (half of them name the alias namespace's datasets and jobs, half another namespace's job reading
 * them), first for a baseline, then an operator's namespace alias is PUT ({@code PUT /api/v1/aliases}); the merge is
 * done when the lineage graph answers for a renamed dataset under its canonical name with its renamed job. The sender
 * goes on throughout and a while after. Prints the merge's time and the sender's latencies before, during and after.
 *
 * <p>Options: --url http://localhost:5000 --alias trino://127.0.0.1:8085 --canonical trino://localhost:8085 --datasets
 * 100000 (the alias namespace's datasets cat.s.t0..; the probe is cat.s.t1 and its writer job1) --rate 20 (events/s)
 * --before 15 --after 10 (seconds of ingestion around the merge) --timeout 600 (seconds the merge may take)
 */
public final class IdentityMergeLoad {
    private static final String OTHER_NAMESPACE = "postgres://steady:5432";

    private final URI base;
    private final LineageApi api;
    private final HttpLoadClient client;
    private final String alias;
    private final String canonical;
    private final int datasets;
    private final List<Sample> samples = new ArrayList<>();

    /** One request of the sender: when it was sent (System.nanoTime), how long it took and its status. */
    private record Sample(long sentNanos, double millis, int status) {}

    private IdentityMergeLoad(Options options) {
        this.base = URI.create(options.get("url", "http://localhost:5000"));
        this.client = HttpLoadClient.of("socket");
        this.api = new LineageApi(client, base);
        this.alias = options.get("alias", "trino://127.0.0.1:8085");
        this.canonical = options.get("canonical", "trino://localhost:8085");
        this.datasets = options.getInt("datasets", 100_000);
    }

    public static void main(String[] arguments) throws Exception {
        Options options = Options.parse(arguments);
        new IdentityMergeLoad(options)
                .run(
                        options.getInt("rate", 20),
                        options.getInt("before", 15),
                        options.getInt("after", 10),
                        options.getInt("timeout", 600));
    }

    private void run(int rate, int beforeSeconds, int afterSeconds, int timeoutSeconds) throws Exception {
        long origin = System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        Thread sender = new Thread(() -> send(rate, stop), "steady-sender");
        sender.start();
        Thread.sleep(beforeSeconds * 1000L);

        URI probe = api.uri("/api/v1/lineage?depth=1&nodeId="
                + URLEncoder.encode("dataset:" + canonical + ":cat.s.t1", StandardCharsets.UTF_8));
        String probeJob = "\"job:" + canonical + ":job1\"";
        long putAt = System.nanoTime();
        String body = "{\"alias\":{\"namespace\":\"" + alias + "\"},\"canonical\":{\"namespace\":\"" + canonical
                + "\"}}";
        HttpLoadClient.Response put = client.send(
                        "PUT", api.uri("/api/v1/aliases"), "application/json", body.getBytes(StandardCharsets.UTF_8))
                .expect(201);
        long deadline = putAt + timeoutSeconds * 1_000_000_000L;
        long doneAt;
        while (true) {
            HttpLoadClient.Response answer = client.send("GET", probe, null, null);
            if (answer.statusCode() == 200 && answer.body().contains(probeJob)) {
                doneAt = System.nanoTime();
                break;
            }
            if (System.nanoTime() > deadline) {
                stop.set(true);
                sender.join();
                throw new IllegalStateException("the merge was not visible within " + timeoutSeconds + " s; last answer "
                        + answer.statusCode() + ": " + abbreviate(answer.body()));
            }
            Thread.sleep(100);
        }
        Thread.sleep(afterSeconds * 1000L);
        stop.set(true);
        sender.join();

        System.out.printf(
                "alias PUT answered %d; merge of %s into %s visible in the graph after %.1f s%n",
                put.statusCode(), alias, canonical, (doneAt - putAt) / 1e9);
        List<Sample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        report("before the merge", taken, origin, putAt);
        report("during the merge", taken, putAt, doneAt);
        report("after the merge", taken, doneAt, Long.MAX_VALUE);
    }

    /** Posts events at the rate until told to stop; each request's latency and status is kept. */
    private void send(int rate, AtomicBoolean stop) {
        Random random = new Random(19);
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        Instant time = Instant.parse("2026-12-01T00:00:00Z");
        int sequence = 0;
        while (!stop.get()) {
            UUID runId = UUID.randomUUID();
            String table = "cat.s.t" + random.nextInt(datasets);
            String event = sequence % 2 == 0
                    ? event(alias, "steady_job" + (sequence % 500), alias, table, "cat.s.steady" + (sequence % 500), runId, time)
                    : event(OTHER_NAMESPACE, "reads_alias" + (sequence % 500), alias, table, "public.steady", runId, time);
            sequence++;
            time = time.plusMillis(10);
            long sent = System.nanoTime();
            int status;
            try {
                status = client.send("POST", api.uri("/api/v1/lineage"), "application/json",
                                event.getBytes(StandardCharsets.UTF_8))
                        .statusCode();
            } catch (Exception failure) {
                status = -1;
            }
            double millis = (System.nanoTime() - sent) / 1e6;
            synchronized (samples) {
                samples.add(new Sample(sent, millis, status));
            }
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } else {
                next = System.nanoTime(); // behind: no burst to catch up, the rate is what the server sustains
            }
        }
    }

    private static void report(String label, List<Sample> samples, long fromNanos, long toNanos) {
        double[] millis = samples.stream()
                .filter(sample -> inWindow(sample, fromNanos, toNanos))
                .mapToDouble(Sample::millis)
                .sorted()
                .toArray();
        long failed = samples.stream()
                .filter(sample -> inWindow(sample, fromNanos, toNanos))
                .filter(sample -> sample.status() != 201)
                .count();
        if (millis.length == 0) {
            System.out.printf("%s: no events sent%n", label);
            return;
        }
        System.out.printf(
                "%s: %d events sent, %d not accepted (201); latency median %.1f ms, p95 %.1f ms, max %.1f ms%n",
                label,
                millis.length,
                failed,
                millis[millis.length / 2],
                millis[(int) Math.ceil(millis.length * 0.95) - 1],
                Arrays.stream(millis).max().orElse(0));
    }

    /** Whether the sample was sent within [from, to) (System.nanoTime). */
    private static boolean inWindow(Sample sample, long fromNanos, long toNanos) {
        return sample.sentNanos() >= fromNanos && sample.sentNanos() < toNanos;
    }

    private static String event(
            String jobNamespace,
            String job,
            String inputNamespace,
            String input,
            String output,
            UUID runId,
            Instant time) {
        return "{\"eventType\":\"COMPLETE\",\"eventTime\":\"" + time
                + "\",\"producer\":\"https://github.com/lineage/bench\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent\","
                + "\"run\":{\"runId\":\"" + runId + "\"},\"job\":{\"namespace\":\"" + jobNamespace + "\",\"name\":\""
                + job + "\"},\"inputs\":[{\"namespace\":\"" + inputNamespace + "\",\"name\":\"" + input
                + "\"}],\"outputs\":[{\"namespace\":\"" + jobNamespace + "\",\"name\":\"" + output + "\"}]}";
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
