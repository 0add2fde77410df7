package lineage.server.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import lineage.server.graph.LineageGraph;
import lineage.server.model.EdgeChange;
import lineage.server.store.EdgeReader;
import lineage.server.store.ProjectionLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start-up: projects the events of the log that were stored but not projected (a projection that failed, or a crash
 * between the two), then loads the current edges into the in-memory graph.
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
            ReplicaFollower follower) {
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

    /** Projects every stored event that is not projected yet, in the order they arrived. Returns how many. */
    public int reprocess() {
        int projected = 0;
        long after = 0;
        while (true) {
            List<ProjectionLog.UnprojectedEvent> events = log.unprojectedEvents(after, BATCH);
            if (events.isEmpty()) {
                break;
            }
            for (ProjectionLog.UnprojectedEvent stored : events) {
                after = stored.id();
                try {
                    JsonNode node = JSON.readTree(stored.payload());
                    writer.project(stored.id(), incoming.stored(node));
                    projected++;
                } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException failure) {
                    LOG.error("Event {} still cannot be projected; it stays in the log", stored.id(), failure);
                }
            }
        }
        if (projected > 0) {
            LOG.info("Projected {} stored event(s) that had not been projected", projected);
        }
        return projected;
    }
}
