package lineage.bench;

import java.net.URI;
import java.time.Instant;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builds the impact benchmark's graph through the API: a binary tree in which job {@code j} reads dataset {@code j}
 * and writes datasets {@code 2j+1} and {@code 2j+2}, for {@code --datasets} datasets ({@code lake.bench.table_<d>})
 * and half as many jobs ({@code job_<j>}), all in namespace {@code bench}: 1,000,000 datasets make 500,000 jobs and
 * 1,499,999 edges. Each job is one OpenLineage JobEvent (its inputs and outputs, no run), posted in batches to
 * POST /api/v1/lineage. Only the JDK: `bench/load.sh ImpactGraph --url http://localhost:5000 --datasets 1000000`.
 *
 * <p>Options: --url http://localhost:5000  --datasets 1000000  --batch-size 500  --concurrency 4  --client socket
 */
public final class ImpactGraph {
    private static final String NAMESPACE = "bench";

    private ImpactGraph() {}

    public static void main(String[] arguments) throws Exception {
        Options options = Options.parse(arguments);
        int datasets = options.getInt("datasets", 1_000_000);
        int batchSize = options.getInt("batch-size", 500);
        int concurrency = options.getInt("concurrency", 4);
        LineageApi api = new LineageApi(
                HttpLoadClient.of(options.get("client", "socket")),
                URI.create(options.get("url", "http://localhost:5000")));
        int jobs = datasets / 2;
        String time = Instant.now().toString();
        AtomicInteger nextBatch = new AtomicInteger();
        long start = System.nanoTime();
        LineageApi.concurrently(concurrency, () -> {
            for (int from = nextBatch.getAndIncrement() * batchSize;
                    from < jobs;
                    from = nextBatch.getAndIncrement() * batchSize) {
                StringJoiner batch = new StringJoiner(",", "[", "]");
                for (int job = from; job < Math.min(jobs, from + batchSize); job++) {
                    batch.add(jobEvent(job, datasets, time));
                }
                api.postBatch(batch.toString());
            }
            return null;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long edges = jobs + Math.min(2L * jobs, datasets - 1L);
        System.out.printf(
                "graph: %d datasets, %d jobs, %d edges posted as %d job events in %.1f s (%.0f events/s)%n",
                datasets, jobs, edges, jobs, seconds, jobs / seconds);
    }

    /** Job {@code job}: reads dataset {@code job}, writes datasets {@code 2 job + 1} and {@code 2 job + 2} that exist. */
    private static String jobEvent(int job, int datasets, String time) {
        StringJoiner outputs = new StringJoiner(",", "[", "]");
        for (long output = 2L * job + 1; output <= 2L * job + 2 && output < datasets; output++) {
            outputs.add(dataset(output));
        }
        return "{\"eventTime\":\"" + time + "\",\"producer\":\"https://github.com/lineage/bench\","
                + "\"schemaURL\":\"https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent\","
                + "\"job\":{\"namespace\":\"" + NAMESPACE + "\",\"name\":\"job_" + job + "\"},"
                + "\"inputs\":[" + dataset(job) + "],\"outputs\":" + outputs + "}";
    }

    private static String dataset(long index) {
        return "{\"namespace\":\"" + NAMESPACE + "\",\"name\":\"lake.bench.table_" + index + "\"}";
    }
}
