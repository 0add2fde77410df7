package lineage.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * The details of a set of nodes in one query per kind (a lineage answer must not cost a query per node): datasets with
 * their fields, jobs with their latest run, jobs' SQL; and every visible dataset, for the domain roll-up.
 */
@Singleton
public class NodeDetailsReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public NodeDetailsReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A dataset's details for a lineage answer; {@code sourceName} is the stored one, else the {@code dataSource}
     * facet's name, else {@code default} (Marquez's source of a dataset without that facet).
     */
    public record DatasetDetails(
            String namespace,
            String name,
            String sourceName,
            JsonNode fields,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt) {}

    /** A job's details for a lineage answer, with its latest run. */
    public record JobDetails(
            String namespace,
            String name,
            String type,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            RunDetails latestRun) {}

    /** A job's latest run; {@code facets} is its stored JSON object, as text. */
    public record RunDetails(
            UUID id,
            String state,
            OffsetDateTime createdAt,
            OffsetDateTime updatedAt,
            OffsetDateTime startedAt,
            OffsetDateTime endedAt,
            OffsetDateTime nominalStart,
            OffsetDateTime nominalEnd,
            UUID jobVersion,
            String facets) {}

    @Transactional(readOnly = true)
    public Map<NodeId, DatasetDetails> datasets(Collection<NodeId> nodes) {
        String sql =
                """
                SELECT d.namespace, d.name, COALESCE(d.source_name, d.facets -> 'dataSource' ->> 'name', 'default'),
                    d.fields::text, d.created_at, d.updated_at
                FROM datasets d JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON d.namespace = wanted.namespace AND d.name = wanted.name""";
        Map<NodeId, DatasetDetails> details = new HashMap<>();
        NodeQueries.query(dataSource, sql, nodes, NodeId.Type.DATASET, result -> {
            DatasetDetails dataset = new DatasetDetails(
                    result.getString(1),
                    result.getString(2),
                    result.getString(3),
                    json(result.getString(4)),
                    NodeQueries.time(result, 5),
                    NodeQueries.time(result, 6));
            details.put(NodeId.dataset(dataset.namespace(), dataset.name()), dataset);
        });
        return details;
    }

    @Transactional(readOnly = true)
    public Map<NodeId, JobDetails> jobs(Collection<NodeId> nodes) {
        String sql =
                """
                SELECT j.namespace, j.name, j.type, j.created_at, j.updated_at,
                    r.id, r.state, r.created_at, r.updated_at, r.started_at, r.ended_at,
                    r.nominal_start, r.nominal_end, r.job_version, CAST(r.facets AS text)
                FROM jobs j JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON j.namespace = wanted.namespace AND j.name = wanted.name
                LEFT JOIN runs r ON r.id = j.latest_run_id""";
        Map<NodeId, JobDetails> details = new HashMap<>();
        NodeQueries.query(dataSource, sql, nodes, NodeId.Type.JOB, result -> {
            UUID runId = result.getObject(6, UUID.class);
            RunDetails run = runId == null
                    ? null
                    : new RunDetails(
                            runId,
                            result.getString(7),
                            NodeQueries.time(result, 8),
                            NodeQueries.time(result, 9),
                            NodeQueries.time(result, 10),
                            NodeQueries.time(result, 11),
                            NodeQueries.time(result, 12),
                            NodeQueries.time(result, 13),
                            result.getObject(14, UUID.class),
                            result.getString(15));
            JobDetails job = new JobDetails(
                    result.getString(1),
                    result.getString(2),
                    result.getString(3),
                    NodeQueries.time(result, 4),
                    NodeQueries.time(result, 5),
                    run);
            details.put(NodeId.job(job.namespace(), job.name()), job);
        });
        return details;
    }

    /** Every visible dataset, by name, in node order. */
    @Transactional(readOnly = true)
    public void forEachVisibleDataset(Consumer<NodeId> consumer) {
        String sql = "SELECT namespace, name FROM datasets WHERE NOT is_hidden ORDER BY namespace, name";
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(NodeId.dataset(result.getString(1), result.getString(2)));
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read datasets", exception);
        }
    }

    /** The SQL of each job that has one: its {@code sql} facet, else the SQL of its current version. */
    @Transactional(readOnly = true)
    public Map<NodeId, String> jobSql(Collection<NodeId> jobs) {
        String sql =
                """
                SELECT j.namespace, j.name, COALESCE(j.facets -> 'sql' ->> 'query', v.sql)
                FROM jobs j JOIN unnest(?::text[], ?::text[]) AS wanted(namespace, name)
                    ON j.namespace = wanted.namespace AND j.name = wanted.name
                LEFT JOIN job_versions v ON v.id = j.current_version""";
        Map<NodeId, String> texts = new HashMap<>();
        NodeQueries.query(dataSource, sql, jobs, NodeId.Type.JOB, result -> {
            if (result.getString(3) != null && !result.getString(3).isBlank()) {
                texts.put(NodeId.job(result.getString(1), result.getString(2)), result.getString(3));
            }
        });
        return texts;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text == null ? "[]" : text);
        } catch (JsonProcessingException exception) {
            throw new StoreException("stored JSON is unreadable", exception);
        }
    }
}
