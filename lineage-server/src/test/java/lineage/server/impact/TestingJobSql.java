package lineage.server.impact;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import lineage.server.model.NodeId;

/** The jobs' SQL, held in memory. */
final class TestingJobSql implements JobSql {
    private final Map<NodeId, String> texts = new HashMap<>();

    void put(NodeId job, String sql) {
        texts.put(job, sql);
    }

    @Override
    public Map<NodeId, String> findSql(Collection<NodeId> jobs) {
        Map<NodeId, String> found = new HashMap<>();
        for (NodeId job : jobs) {
            if (texts.containsKey(job)) {
                found.put(job, texts.get(job));
            }
        }
        return found;
    }
}
