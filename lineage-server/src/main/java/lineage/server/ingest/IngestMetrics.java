package lineage.server.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Context;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import lineage.server.graph.LineageGraph;

/**
 * The ingestion meters: events by result, the time of each write transaction (append plus projection), and the size
 * of the in-memory graph. Eager, so that the graph gauges exist before the first event.
 */
@Context
public class IngestMetrics {
    private final Counter accepted;
    private final Counter duplicate;
    private final Counter rejected;
    private final Timer singleProjection;
    private final Timer batchProjection;
    private final DistributionSummary groupEvents;

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry, LineageGraph graph) {
        this.registry = registry;
        accepted = events(registry, "accepted");
        duplicate = events(registry, "duplicate");
        rejected = events(registry, "rejected");
        singleProjection = projection(registry, "event");
        batchProjection = projection(registry, "batch");
        groupEvents = DistributionSummary.builder("lineage.ingest.group.events")
                .description("Events per write transaction of the group commit (requests that waited together)")
                .register(registry);
        Gauge.builder("lineage.graph.nodes", graph, LineageGraph::nodeCount)
                .description("Datasets and jobs in the in-memory lineage graph")
                .register(registry);
        Gauge.builder("lineage.graph.edges", graph, LineageGraph::edgeCount)
                .description("Current edges in the in-memory lineage graph")
                .register(registry);
    }

    /** Publishes how many requests wait for the running write (the group commit's queue). */
    void watchWaiting(IntSupplier waitingRequests) {
        Gauge.builder("lineage.ingest.waiting", waitingRequests::getAsInt)
                .description("Ingestion requests waiting for the running write transaction to take them")
                .register(registry);
    }

    void group(int events) {
        groupEvents.record(events);
    }

    void accepted(int count) {
        accepted.increment(count);
    }

    void duplicate(int count) {
        duplicate.increment(count);
    }

    void rejected(int count) {
        rejected.increment(count);
    }

    /** Counts the facets left out of an accepted event ({@code lineage.validation.facets: drop}), by path. */
    void droppedFacets(List<String> facets) {
        for (String facet : facets) {
            int at = Math.max(facet.lastIndexOf('.'), facet.lastIndexOf('['));
            Counter.builder("lineage.facets.dropped")
                    .tag("facet", facet.substring(at + 1))
                    .description("Standard facets left out of accepted events because they broke the spec's schema")
                    .register(registry)
                    .increment();
        }
    }

    /** Runs one event's write transaction, timed. */
    <T> T timeEvent(Supplier<T> write) {
        return singleProjection.record(write);
    }

    /** Runs one batch's write transaction, timed. */
    <T> T timeBatch(Supplier<T> write) {
        return batchProjection.record(write);
    }

    private static Counter events(MeterRegistry registry, String result) {
        return Counter.builder("lineage.events.ingested")
                .tag("result", result)
                .description("OpenLineage events by result: accepted (new), duplicate (already stored), rejected"
                        + " (invalid)")
                .register(registry);
    }

    private static Timer projection(MeterRegistry registry, String unit) {
        return Timer.builder("lineage.projection")
                .tag("unit", unit)
                .description("Time of a write transaction that appends and projects an event or a batch")
                .publishPercentileHistogram()
                .register(registry);
    }
}
