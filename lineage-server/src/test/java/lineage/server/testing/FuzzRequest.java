package lineage.server.testing;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One request of the fuzz suite: what is sent, a short description for the failure report, and the reads that must
 * answer 200 afterwards if the server accepts it (the job, run or dataset an accepted event names).
 */
public record FuzzRequest(
        String method,
        String path,
        Map<String, String> headers,
        byte[] body,
        String description,
        List<String> readsIfAccepted) {
    public FuzzRequest {
        requireNonNull(method, "method is null");
        requireNonNull(path, "path is null");
        headers = Map.copyOf(requireNonNull(headers, "headers is null"));
        requireNonNull(body, "body is null");
        requireNonNull(description, "description is null");
        readsIfAccepted = List.copyOf(requireNonNull(readsIfAccepted, "readsIfAccepted is null"));
    }

    static FuzzRequest get(String path, String description) {
        return new FuzzRequest("GET", path, Map.of(), new byte[0], description, List.of());
    }
}
