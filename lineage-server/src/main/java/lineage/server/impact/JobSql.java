package lineage.server.impact;

import java.util.Collection;
import java.util.Map;
import lineage.server.model.NodeId;

/** The SQL jobs run, re-read to find what they use; {@link StoredJobSql} reads it from the store. */
public interface JobSql {
    /** The SQL of each of the jobs that has one. */
    Map<NodeId, String> findSql(Collection<NodeId> jobs);
}
