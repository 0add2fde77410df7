package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeChange;
import lineage.server.store.DatabaseFailures;
import lineage.server.store.EdgeReader;
import lineage.server.store.ProjectionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up: projects the events of the log that were stored but not projected (a projection that failed, or a crash
 * between the two), then loads the current edges into the in-memory graph.
 *
 * <p>An event that still cannot be projected is tried once per start (a new release may project it) and stays in the
 * log with its reason, quietly: its failure is logged at DEBUG only, one WARN line counts them all, the gauge {@code
 * lineage.events.unprojected} counts the log's unprojected events, and {@code GET /api/v1/events/unprojected} lists
 * them.
 */
@Singleton
public class GraphLoader {
    private static final Logger LOG = LoggerFactory.getLogger(GraphLoader.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 500;

    private final EdgeReader edges;
    private final ProjectionLog log;
    private final EventWriter writer;
    private final LineageGraph graph;
    private final IncomingEvents incoming;
    private final ReplicaFollower follower;

    public GraphLoader(
            EdgeReader edges,
            ProjectionLog log,
            EventWriter writer,
            LineageGraph graph,
            IncomingEvents incoming,
            ReplicaFollower follower,
            MeterRegistry registry) {
        Gauge.builder("lineage.events.unprojected", log, ProjectionLog::countUnprojected)
                .description("Stored events that are not projected (GET /api/v1/events/unprojected lists them)")
                .register(registry);
        this.edges = edges;
        this.log = log;
        this.writer = writer;
        this.graph = graph;
        this.incoming = incoming;
        this.follower = follower;
    }

    @EventListener
    public void onStartup(StartupEvent event) {
        reprocess();
        load();
    }

    /** Rebuilds the graph from the store. */
    public void load() {
        follower.start();
        List<EdgeChange> edges = new ArrayList<>();
        this.edges.forEachCurrentEdge(edges::add);
        graph.clear();
        graph.apply(edges);
        LOG.info("Lineage graph loaded: {} nodes, {} edges", graph.nodeCount(), graph.edgeCount());
    }

    /**
     * Projects every stored event that is not projected yet, in the order they arrived, and records why for each that
     * cannot be. Returns how many were projected. A database that is unreachable stops it (nothing is recorded).
     */
    public int reprocess() {
        int projected = 0;
        int failed = 0;
        long after = 0;
        while (true) {
            List<ProjectionLog.UnprojectedEvent> events = log.unprojectedEvents(after, BATCH);
            if (events.isEmpty()) {
                break;
            }
            for (ProjectionLog.UnprojectedEvent stored : events) {
                after = stored.id();
                if (project(stored)) {
                    projected++;
                } else {
                    failed++;
                }
            }
        }
        if (projected > 0) {
            LOG.info("Projected {} stored event(s) that had not been projected", projected);
        }
        if (failed > 0) {
            LOG.warn(
                    "{} stored event(s) cannot be projected; they stay in the log, are tried again at the next start and"
                            + " are listed, with the reason, by GET /api/v1/events/unprojected",
                    failed);
        }
        return projected;
    }

    private boolean project(ProjectionLog.UnprojectedEvent stored) {
        try {
            JsonNode node = JSON.readTree(stored.payload());
            writer.project(stored.id(), incoming.stored(node));
            return true;
        } catch (JsonProcessingException | RuntimeException failure) {
            if (DatabaseFailures.isUnavailable(failure)) {
                throw new IllegalStateException("the database became unreachable while reprocessing", failure);
            }
            String reason = ProjectionFailures.reason(failure);
            LOG.debug("Event {} cannot be projected: {}", stored.id(), reason, failure);
            log.recordFailure(stored.id(), reason);
            return false;
        }
    }
}
