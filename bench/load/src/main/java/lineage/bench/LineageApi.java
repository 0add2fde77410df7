package lineage.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The lineage server as the generators use it: OpenLineage events posted one by one or in batches, and reads. */
final class LineageApi {
    private final HttpLoadClient client;
    private final URI base;
    private final URI lineage;

    LineageApi(HttpLoadClient client, URI base) {
        this.client = client;
        this.base = base;
        this.lineage = base.resolve("/api/v1/lineage");
    }

    /** One event: the server answers 201. */
    void post(String event) throws Exception {
        send(lineage, event).expect(201);
    }

    /** A batch, a JSON array of events: the server answers 200 and must have rejected none. */
    void postBatch(String events) throws Exception {
        HttpLoadClient.Response response = send(lineage, events).expect(200);
        if (!response.body().contains("\"rejected\":[]")) {
            throw new IllegalStateException("batch had rejected events: " + response.body());
        }
    }

    /** The server's URI of a path and query (already encoded). */
    URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    /** A GET that must answer 200. */
    HttpLoadClient.Response get(URI uri) throws Exception {
        return client.send("GET", uri, null, null).expect(200);
    }

    private HttpLoadClient.Response send(URI uri, String body) throws Exception {
        return client.send("POST", uri, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the work on that many threads at once; the first failure ends the run. */
    static void concurrently(int threads, Callable<Void> work) throws Exception {
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
