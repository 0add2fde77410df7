import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Times GET /api/v1/impact for one dataset: median and p95 over --queries requests after a warm-up, with the size of
 * the answer. Only the JDK: `java bench/ImpactLoad.java --url http://localhost:5000 --node dataset:ns:name`.
 */
public final class ImpactLoad {
    public static void main(String[] args) throws Exception {
        String url = option(args, "url", "http://localhost:5000");
        String node = option(args, "node", "dataset:bench:lake.bench.table_150");
        int queries = Integer.parseInt(option(args, "queries", "200"));
        String query = option(args, "query", "");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/impact?nodeId="
                        + URLEncoder.encode(node, StandardCharsets.UTF_8) + query))
                .GET()
                .build();
        int warmUp = Math.max(20, queries / 5);
        double[] millis = new double[queries];
        String body = "";
        for (int index = -warmUp; index < queries; index++) {
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long elapsed = System.nanoTime() - start;
            if (response.statusCode() != 200) {
                throw new IllegalStateException("impact answered " + response.statusCode() + ": " + response.body());
            }
            if (index >= 0) {
                millis[index] = elapsed / 1e6;
                body = response.body();
            }
        }
        Arrays.sort(millis);
        int impacted = count(body, "\"distance\":");
        System.out.printf("cores (availableProcessors): %d%n", Runtime.getRuntime().availableProcessors());
        System.out.printf("impact of %s%s: %d nodes (truncated: %s), %d bytes; median %.2f ms, p95 %.2f ms (%d queries)%n",
                node, query, impacted, body.contains("\"truncated\":true"), body.getBytes(StandardCharsets.UTF_8).length,
                millis[queries / 2], millis[(int) Math.ceil(queries * 0.95) - 1], queries);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int index = 0; index + 1 < args.length; index++) {
            if (args[index].equals("--" + name)) {
                return args[index + 1];
            }
        }
        return fallback;
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
