package lineage.bench;

import java.util.Arrays;
import java.util.concurrent.Callable;

/**
 * The latencies of one request sent again and again from one thread: {@code max(20, queries / 5)} untimed warm-up
 * requests, then {@code queries} timed ones. Keeps the last response, to report its size.
 */
record Latencies(double[] sortedMillis, HttpLoadClient.Response last) {
    static Latencies measure(int queries, Callable<HttpLoadClient.Response> request) throws Exception {
        if (queries < 1) {
            throw new IllegalArgumentException("queries must be at least 1: " + queries);
        }
        int warmUp = Math.max(20, queries / 5);
        double[] millis = new double[queries];
        HttpLoadClient.Response last = null;
        for (int index = -warmUp; index < queries; index++) {
            long start = System.nanoTime();
            HttpLoadClient.Response response = request.call();
            long elapsed = System.nanoTime() - start;
            if (index >= 0) {
                millis[index] = elapsed / 1e6;
                last = response;
            }
        }
        Arrays.sort(millis);
        return new Latencies(millis, last);
    }

    double median() {
        return sortedMillis[sortedMillis.length / 2];
    }

    double p95() {
        return sortedMillis[(int) Math.ceil(sortedMillis.length * 0.95) - 1];
    }

    int queries() {
        return sortedMillis.length;
    }
}
