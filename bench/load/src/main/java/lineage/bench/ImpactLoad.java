package lineage.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Times GET /api/v1/impact for one dataset: median and p95 over --queries requests after a warm-up, with the size of
 * the answer. Only the JDK: `bench/load.sh ImpactLoad --url http://localhost:5000 --node dataset:ns:name`.
 *
 * <p>Options: --url http://localhost:5000  --node dataset:bench:lake.bench.table_150  --queries 200  --query ""
 * (appended to the request's query string, e.g. "&amp;paths=false")  --client jdk|socket (jdk, the default, is the
 * JDK's HttpClient, which the published figures were measured with; see HttpLoadClient).
 */
public final class ImpactLoad {
    private ImpactLoad() {}

    public static void main(String[] arguments) throws Exception {
        Options options = Options.parse(arguments);
        String node = options.get("node", "dataset:bench:lake.bench.table_150");
        int queries = options.getInt("queries", 200);
        String query = options.get("query", "");
        LineageApi api = new LineageApi(
                HttpLoadClient.of(options.get("client", "jdk")),
                URI.create(options.get("url", "http://localhost:5000")));
        URI uri = api.uri("/api/v1/impact?nodeId=" + URLEncoder.encode(node, StandardCharsets.UTF_8) + query);
        Latencies latencies = Latencies.measure(queries, () -> api.get(uri));
        String body = latencies.last().body();
        System.out.printf(
                "cores (availableProcessors): %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf(
                "impact of %s%s: %d nodes (truncated: %s), %d bytes; median %.2f ms, p95 %.2f ms (%d queries)%n",
                node,
                query,
                latencies.last().count("\"distance\":"),
                body.contains("\"truncated\":true"),
                body.getBytes(StandardCharsets.UTF_8).length,
                latencies.median(),
                latencies.p95(),
                queries);
    }
}
