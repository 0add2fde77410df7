package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/events/lineage} of a Marquez-compatible server, oldest first. */
final class ServerEventPages implements EventPages {
    private final ServerCalls server;

    ServerEventPages(URI server, Optional<String> apiKey) {
        this.server = new ServerCalls(server, apiKey);
    }

    @Override
    public Page page(Request request) throws CommandFailure {
        String path = "/api/v1/events/lineage?sortDirection=asc&after=" + time(request.after()) + "&before="
                + time(request.before()) + "&limit=" + request.limit() + "&offset=" + request.offset()
                // This server lists only run events unless asked for all; Marquez ignores the parameter.
                + "&kinds=all";
        HttpResponse<String> response = server.send(server.request(path).GET(), "GET /api/v1/events/lineage");
        if (response.statusCode() != 200) {
            throw server.refused("GET /api/v1/events/lineage", response);
        }
        JsonNode answer = server.json(response, "GET /api/v1/events/lineage");
        JsonNode events = answer.path("events");
        if (!events.isArray()) {
            throw new CommandFailure(server.uri() + " answered GET /api/v1/events/lineage without an events list:"
                    + " is it a Marquez-compatible lineage server?");
        }
        List<JsonNode> page = new ArrayList<>(events.size());
        events.forEach(page::add);
        return new Page(page, answer.path("totalCount").asLong(0));
    }

    private static String time(Instant time) {
        return URLEncoder.encode(time.toString(), StandardCharsets.UTF_8);
    }
}
