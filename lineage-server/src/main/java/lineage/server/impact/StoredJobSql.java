package lineage.server.impact;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Map;
import lineage.server.model.NodeId;
import lineage.server.store.NodeDetailsReader;

/** The jobs' SQL of the store: each job's {@code sql} facet, else the SQL of its current version. */
@Singleton
public class StoredJobSql implements JobSql {
    private final NodeDetailsReader reader;

    public StoredJobSql(NodeDetailsReader reader) {
        this.reader = reader;
    }

    @Override
    public Map<NodeId, String> findSql(Collection<NodeId> jobs) {
        return reader.jobSql(jobs);
    }
}
