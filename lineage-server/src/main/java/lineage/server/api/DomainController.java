package lineage.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import lineage.server.domain.DomainRollup;

/**
 * The data mesh by domain: {@code GET /api/v1/domains} (datasets, jobs and owner of each) and {@code GET
 * /api/v1/domains/graph} (which domain feeds which, how many input → job → output paths, and one as an example).
 */
@Controller("/api/v1/domains")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DomainController {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final DomainRollup rollup;

    public DomainController(DomainRollup rollup) {
        this.rollup = rollup;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> domains() {
        ObjectNode answer = NODES.objectNode();
        answer.set("domains", summaries(rollup.summaries()));
        return HttpResponse.ok(MarquezResponses.write(answer));
    }

    @Get(uri = "/graph", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> graph() {
        ObjectNode answer = NODES.objectNode();
        answer.set("domains", summaries(rollup.summaries()));
        ArrayNode edges = answer.putArray("edges");
        for (DomainRollup.DomainFlow flow : rollup.flows()) {
            ObjectNode edge = edges.addObject();
            edge.put("from", flow.from());
            edge.put("to", flow.to());
            edge.put("edges", flow.edges());
            ArrayNode path = edge.putArray("examplePath");
            flow.examplePath().forEach(step -> path.add(step.value()));
        }
        return HttpResponse.ok(MarquezResponses.write(answer));
    }

    private static ArrayNode summaries(List<DomainRollup.DomainSummary> summaries) {
        ArrayNode domains = NODES.arrayNode();
        for (DomainRollup.DomainSummary summary : summaries) {
            ObjectNode domain = domains.addObject();
            domain.put("name", summary.domain().name());
            summary.domain()
                    .owner()
                    .ifPresentOrElse(owner -> domain.put("owner", owner), () -> domain.putNull("owner"));
            summary.domain()
                    .contact()
                    .ifPresentOrElse(contact -> domain.put("contact", contact), () -> domain.putNull("contact"));
            domain.put("datasets", summary.datasets());
            domain.put("jobs", summary.jobs());
        }
        return domains;
    }
}
