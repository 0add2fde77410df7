package lineage.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import lineage.server.error.LineageException;
import lineage.server.ingest.EventIngester;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests the HTTP event listener's QueryCreatedEvent and QueryCompletedEvent: stored raw in the event log and
 * projected through {@link TrinoEventMapper} in one transaction. Same contract as OpenLineage events: when this returns
 * the event is durable and visible, and the same event again changes nothing.
 */
@Singleton
public class TrinoIngester {
    private static final Logger LOG = LoggerFactory.getLogger(TrinoIngester.class);

    private final TrinoEventMapper mapper;
    private final EventIngester ingester;
    private final Counter disagreements;

    public TrinoIngester(TrinoEventMapper mapper, EventIngester ingester, MeterRegistry registry) {
        this.mapper = mapper;
        this.ingester = ingester;
        this.disagreements = Counter.builder("lineage.trino.parser.disagreements")
                .description("Finished Trino queries whose tables, as the SQL parser found them, differ from the"
                        + " engine's (the engine's are kept)")
                .register(registry);
    }

    /** Ingests one event; throws {@link LineageException} for an invalid one. */
    public void ingest(JsonNode body) {
        TrinoMapping mapping;
        try {
            mapping = mapper.map(body);
        } catch (LineageException invalid) {
            ingester.rejected();
            throw invalid;
        }
        ingest(mapping);
    }

    /** Ingests a query event already mapped (a query-history row, a line of a log file). */
    public void ingest(TrinoMapping mapping) {
        if (mapping.parserDisagrees()) {
            disagreements.increment();
            LOG.debug(
                    "The SQL parser disagrees with Trino on the tables of run {} (job {})",
                    mapping.event().runId().orElseThrow(),
                    mapping.event().job().orElseThrow().name());
        }
        ingester.ingestMapped(mapping.event(), TrinoMapping.KIND, mapping.received());
    }
}
