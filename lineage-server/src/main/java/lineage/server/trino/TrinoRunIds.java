package lineage.server.trino;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The run of a Trino query. Trino's OpenLineage listener names a query's run by the name-based (version 3) UUID of
 * its query id; the HTTP listener's events of the same query get the same id, so both listeners land on one run.
 */
public final class TrinoRunIds {
    private TrinoRunIds() {}

    public static UUID of(String queryId) {
        return UUID.nameUUIDFromBytes(queryId.getBytes(StandardCharsets.UTF_8));
    }
}
