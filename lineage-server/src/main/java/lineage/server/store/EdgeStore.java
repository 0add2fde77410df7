package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The writes of job↔dataset edges and column lineage, set-based, in the caller's transaction (see the package's
 * documentation for how the statements are written).
 */
@Singleton
public class EdgeStore {
    private final DataSource dataSource;

    public EdgeStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates or updates job↔dataset edges, leaving each as the row says (current, or retired at a time): a statement
     * added to the pipeline.
     */
    public void upsertEdges(List<EdgeWriteRow> edges, Pipeline pipeline) {
        if (edges.isEmpty()) {
            return;
        }
        pipeline.add(
                """
                INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen, is_current,
                    retired_at)
                SELECT job_id, dataset_id, direction, source, first_seen::timestamptz, last_seen::timestamptz,
                    retired_at IS NULL, retired_at::timestamptz
                FROM unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                    AS e(job_id, dataset_id, direction, source, first_seen, last_seen, retired_at)
                ORDER BY job_id, dataset_id, direction
                ON CONFLICT (job_id, dataset_id, direction) DO UPDATE SET is_current = EXCLUDED.is_current,
                    retired_at = EXCLUDED.retired_at, source = EXCLUDED.source,
                    first_seen = LEAST(lineage_edges.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(lineage_edges.last_seen, EXCLUDED.last_seen)""",
                SqlArrays.bigint(edges, EdgeWriteRow::jobId),
                SqlArrays.bigint(edges, EdgeWriteRow::datasetId),
                SqlArrays.text(edges, EdgeWriteRow::direction),
                SqlArrays.text(edges, EdgeWriteRow::source),
                SqlArrays.time(edges, EdgeWriteRow::firstSeen),
                SqlArrays.time(edges, EdgeWriteRow::lastSeen),
                SqlArrays.time(edges, EdgeWriteRow::retiredAt));
    }

    /** A job's edge that stopped being current. */
    public record RetiredEdge(
            long jobId,
            String direction,
            String datasetNamespace,
            String datasetName,
            OffsetDateTime retiredAt,
            String source) {}

    /** A job and direction whose current edges are exactly the given datasets since {@code since}. */
    public record CurrentEdges(long jobId, String direction, Collection<Long> datasetIds, OffsetDateTime since) {}

    /**
     * Makes each job's current edges of a direction exactly the given datasets: its other current edges of that
     * direction stop being current, retired at the time of the event that said so. At most one entry per job and
     * direction. The lookup of those edges is added to the pipeline; the returned action, once the pipeline has run,
     * retires them and returns them.
     */
    public Supplier<List<RetiredEdge>> retireOtherEdges(List<CurrentEdges> current, Pipeline pipeline) {
        if (current.isEmpty()) {
            return List::of;
        }
        // Two statements, each planned well whatever PostgreSQL guesses of an unnest of a parameter: the edges to
        // retire are looked up job by job through the primary key (LATERAL ... OFFSET 0 keeps it a parameterised index
        // scan; each job's kept datasets travel with it as one array literal), and only those are updated. As one
        // UPDATE joined to the batch, the planner sorted or hashed the whole edge table (0.3 s per 2,000 events on
        // 600,000 edges).
        String find =
                """
                SELECT x.job_id, x.dataset_id, x.direction, a.since
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[]) AS a(job_id, direction, since, kept)
                CROSS JOIN LATERAL (
                    SELECT job_id, dataset_id, direction FROM lineage_edges
                    WHERE job_id = a.job_id AND direction = a.direction AND is_current
                        AND dataset_id <> ALL (a.kept::bigint[])
                    OFFSET 0) x""";
        List<GoneEdge> gone = new ArrayList<>();
        pipeline.addQuery(
                find,
                result -> {
                    while (result.next()) {
                        gone.add(new GoneEdge(
                                result.getLong(1), result.getLong(2), result.getString(3), result.getString(4)));
                    }
                },
                SqlArrays.bigint(current, CurrentEdges::jobId),
                SqlArrays.text(current, CurrentEdges::direction),
                SqlArrays.time(current, CurrentEdges::since),
                SqlArrays.text(current, edges -> edges.datasetIds().stream()
                        .map(String::valueOf)
                        .collect(Collectors.joining(",", "{", "}"))));
        return () -> retire(gone);
    }

    /** A current edge that an authoritative event no longer names, and the time of that event. */
    private record GoneEdge(long jobId, long datasetId, String direction, String since) {}

    /** Retires the edges found; returns them. */
    private List<RetiredEdge> retire(List<GoneEdge> gone) {
        List<RetiredEdge> retired = new ArrayList<>();
        if (gone.isEmpty()) {
            return retired;
        }
        Connection connection = Statements.connection(dataSource);
        String retire =
                """
                UPDATE lineage_edges e SET is_current = FALSE, retired_at = GREATEST(g.since::timestamptz, e.last_seen)
                FROM datasets d, unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[]) AS g(job_id, dataset_id, direction, since)
                WHERE e.job_id = g.job_id AND e.dataset_id = g.dataset_id AND e.direction = g.direction AND e.is_current
                    AND d.id = e.dataset_id
                RETURNING e.job_id, e.direction, d.namespace, d.name, e.retired_at, e.source""";
        try (PreparedStatement statement = connection.prepareStatement(retire)) {
            statement.setObject(1, SqlArrays.bigint(gone, GoneEdge::jobId));
            statement.setObject(2, SqlArrays.bigint(gone, GoneEdge::datasetId));
            statement.setObject(3, SqlArrays.text(gone, GoneEdge::direction));
            statement.setObject(4, SqlArrays.text(gone, GoneEdge::since));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    retired.add(new RetiredEdge(
                            result.getLong(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            result.getObject(5, OffsetDateTime.class),
                            result.getString(6)));
                }
            }
            return retired;
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }

    /**
     * Records column lineage, when each input field was first and last seen reaching each output field: a statement
     * added to the pipeline.
     */
    public void upsertColumnLineage(List<ColumnLineageRow> rows, Pipeline pipeline) {
        if (rows.isEmpty()) {
            return;
        }
        pipeline.add(
                """
                INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field,
                    transformation, subtype, description, job_id, source, first_seen, last_seen)
                SELECT output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype,
                    description, job_id, source, first_seen::timestamptz, last_seen::timestamptz
                FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::bigint[], ?::text[], ?::text[], ?::text[])
                    AS c(output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype,
                        description, job_id, source, first_seen, last_seen)
                ORDER BY output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype
                ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype)
                DO UPDATE SET last_seen = GREATEST(column_lineage.last_seen, EXCLUDED.last_seen),
                    description = COALESCE(EXCLUDED.description, column_lineage.description),
                    job_id = COALESCE(EXCLUDED.job_id, column_lineage.job_id)""",
                SqlArrays.bigint(rows, ColumnLineageRow::outputDatasetId),
                SqlArrays.text(rows, ColumnLineageRow::outputField),
                SqlArrays.bigint(rows, ColumnLineageRow::inputDatasetId),
                SqlArrays.text(rows, ColumnLineageRow::inputField),
                SqlArrays.text(rows, ColumnLineageRow::transformation),
                SqlArrays.text(rows, ColumnLineageRow::subtype),
                SqlArrays.text(rows, ColumnLineageRow::description),
                SqlArrays.bigint(rows, ColumnLineageRow::jobId),
                SqlArrays.text(rows, ColumnLineageRow::source),
                SqlArrays.time(rows, ColumnLineageRow::firstSeen),
                SqlArrays.time(rows, ColumnLineageRow::lastSeen));
    }
}
