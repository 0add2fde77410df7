package lineage.server.trino;

import java.util.Optional;
import java.util.regex.Pattern;
import lineage.server.ingest.EventRewriter;
import lineage.server.ingest.LineageEvent;

/**
 * Trino's OpenLineage listener names each job by its query id, so every query would be a job of its own. Its events
 * get the job the HTTP listener's events of the same query get (computed from the {@code sql} job facet, see
 * {@link TrinoJobNames}), and the cluster's address they report is learned from ({@link TrinoClusters}); which name
 * the address resolves to is identity's business, like every event's. The run id is kept: it already is
 * {@link TrinoRunIds#of} the query id.
 */
public final class TrinoOpenLineageEvents implements EventRewriter {
    /** The producer of Trino's OpenLineage listener. */
    public static final String PRODUCER = "https://github.com/trinodb/trino/plugin/trino-openlineage";

    private static final Pattern QUERY_ID = Pattern.compile("\\d{8}_\\d{6}_\\d{5}_[a-z0-9]{5}");

    private final TrinoClusters clusters;
    private final TrinoJobNames jobNames;

    public TrinoOpenLineageEvents(TrinoClusters clusters, TrinoJobNames jobNames) {
        this.clusters = clusters;
        this.jobNames = jobNames;
    }

    /** The event with its job renamed, when it is a query event of Trino's OpenLineage listener with its SQL. */
    @Override
    public LineageEvent rewrite(LineageEvent event) {
        if (!event.producer().startsWith(PRODUCER)
                || event.job().isEmpty()
                || event.runId().isEmpty()) {
            return event;
        }
        LineageEvent.JobRef job = event.job().get();
        Optional<String> sql = TrinoEventMapper.text(job.facets().path("sql").path("query"));
        if (!QUERY_ID.matcher(job.name()).matches() || sql.isEmpty()) {
            return event;
        }
        String namespace = clusters.namespace(
                job.namespace(),
                TrinoClusters.Listener.OPENLINEAGE,
                event.runId().get(),
                job.name());
        LineageEvent.JobRef renamed = new LineageEvent.JobRef(namespace, jobNames.name(sql.get()), job.facets());
        return new LineageEvent(
                event.kind(),
                event.eventType(),
                event.eventTime(),
                event.runId(),
                Optional.of(renamed),
                event.dataset(),
                event.inputs(),
                event.outputs(),
                event.producer(),
                event.payload(),
                event.edgeSource());
    }
}
