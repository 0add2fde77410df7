package lineage.server.ingest;

/**
 * Renames what a known producer names differently from the rest of the model, before an OpenLineage event is stored
 * and projected: e.g. Trino's OpenLineage listener names its jobs by query id. The stored payload stays as received.
 * Returns the event unchanged when it is not one it knows.
 */
public interface EventRewriter {
    LineageEvent rewrite(LineageEvent event);
}
