package lineage.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import lineage.server.config.LineageConfig;
import lineage.server.ingest.EventParser;
import lineage.server.trino.TrinoIngester;

/**
 * {@code POST /api/v1/trino/events}: where Trino's HTTP event listener ({@code http-event-listener.connect-ingest-uri})
 * posts its QueryCreatedEvent and QueryCompletedEvent bodies, one per request. Answers 200 {@code {}} once the event is
 * durable and visible.
 */
@Controller("/api/v1/trino/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TrinoEventController {
    private final TrinoIngester ingester;
    private final LineageConfig config;

    public TrinoEventController(TrinoIngester ingester, LineageConfig config) {
        this.ingester = ingester;
        this.config = config;
    }

    @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    public TrinoEventResponse post(@Body @Nullable byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        if (bytes.length > config.maxEventBytes()) {
            // The HTTP layer refuses it first (micronaut.server.max-request-size follows the setting); this holds if
            // not.
            throw ProblemRenderer.bodyTooLarge(config.maxEventBytes());
        }
        JsonNode tree = EventParser.readTree(bytes);
        ingester.ingest(tree);
        return new TrinoEventResponse();
    }
}
