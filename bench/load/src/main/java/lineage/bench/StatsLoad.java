package lineage.bench;

import java.net.URI;
import java.util.List;

/**
 * Times Marquez's four GET /api/v1/stats endpoints, for DAY and for WEEK: median and p95 over --queries requests each,
 * after a warm-up. Only the JDK: `bench/load.sh StatsLoad --url http://localhost:5000 --timezone Europe/Berlin`.
 *
 * <p>Options: --url http://localhost:5000  --timezone Europe/Berlin  --queries 200  --client jdk|socket (see
 * HttpLoadClient).
 */
public final class StatsLoad {
    private StatsLoad() {}

    public static void main(String[] arguments) throws Exception {
        Options options = Options.parse(arguments);
        int queries = options.getInt("queries", 200);
        String timezone = options.get("timezone", "Europe/Berlin");
        LineageApi api = new LineageApi(
                HttpLoadClient.of(options.get("client", "jdk")),
                URI.create(options.get("url", "http://localhost:5000")));
        System.out.printf(
                "cores (availableProcessors): %d%n", Runtime.getRuntime().availableProcessors());
        double worst = 0;
        for (String stat : List.of("lineage-events", "jobs", "datasets", "sources")) {
            for (String period : List.of("DAY", "WEEK")) {
                URI uri = api.uri("/api/v1/stats/" + stat + "?period=" + period + "&timezone=" + timezone);
                Latencies latencies = Latencies.measure(queries, () -> api.get(uri));
                worst = Math.max(worst, latencies.p95());
                System.out.printf(
                        "stats/%s %s: median %.2f ms, p95 %.2f ms (%d queries); last answer %s%n",
                        stat,
                        period,
                        latencies.median(),
                        latencies.p95(),
                        queries,
                        summary(latencies.last().body()));
            }
        }
        System.out.printf("worst p95 of the eight: %.2f ms%n", worst);
    }

    /** The answer without its intervals' times: the counts, for a glance at what was counted. */
    private static String summary(String body) {
        return body.replaceAll("\"(start|end)Interval\":\"[^\"]*\",?", "").replace("},{", "} {");
    }
}
