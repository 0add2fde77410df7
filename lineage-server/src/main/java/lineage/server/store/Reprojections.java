package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * What re-projecting part of the model from the raw log needs of the store (a split, {@code ingest.IdentitySplits}):
 * the jobs and datasets in scope, the log's events of those jobs, and clearing the scope's projected rows while keeping
 * what operators added (tags, soft deletes) and the state of the datasets outside the scope, which the re-projected
 * events name too, to put back afterwards. Every method runs in the caller's transaction.
 */
@Singleton
public class Reprojections {
    private final DataSource dataSource;

    public Reprojections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A job or dataset row: id, namespace and name. */
    public record Node(long id, String namespace, String name) {}

    /** An event of the log: its id and the job its row names (null for a dataset event). */
    public record LoggedEvent(long id, String jobNamespace, String jobName) {}

    /** A dataset event of the log: its id and the dataset its payload names. */
    public record LoggedDatasetEvent(long id, String namespace, String name) {}

    /** The datasets of a namespace, or the one named (empty name: every dataset of the namespace). */
    @Transactional(readOnly = true)
    public List<Node> datasets(String namespace, String name) {
        return nodes(
                name.isEmpty()
                        ? "SELECT id, namespace, name FROM datasets WHERE namespace = ?"
                        : "SELECT id, namespace, name FROM datasets WHERE namespace = ? AND name = ?",
                namespace,
                name);
    }

    /** The jobs of a namespace. */
    @Transactional(readOnly = true)
    public List<Node> jobsOf(String namespace) {
        return nodes("SELECT id, namespace, name FROM jobs WHERE namespace = ?", namespace, "");
    }

    /** The jobs with an edge (current or retired) or a column-lineage row touching any of the datasets. */
    @Transactional(readOnly = true)
    public List<Node> jobsTouching(Collection<Long> datasetIds) {
        String sql =
                """
                SELECT id, namespace, name FROM jobs WHERE id IN (
                    SELECT job_id FROM lineage_edges WHERE dataset_id = ANY(?::bigint[])
                    UNION SELECT job_id FROM column_lineage
                        WHERE job_id IS NOT NULL AND (output_dataset_id = ANY(?::bigint[]) OR input_dataset_id = ANY(?::bigint[])))""";
        List<Node> nodes = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            Long[] ids = datasetIds.toArray(Long[]::new);
            for (int index = 1; index <= 3; index++) {
                statement.setArray(index, statement.getConnection().createArrayOf("bigint", ids));
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    nodes.add(new Node(result.getLong(1), result.getString(2), result.getString(3)));
                }
            }
            return nodes;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the jobs of datasets", exception);
        }
    }

    /** The log's events whose row names a job of one of these names (the caller checks the namespaces). */
    @Transactional(readOnly = true)
    public List<LoggedEvent> eventsOfJobsNamed(Collection<String> jobNames) {
        String sql =
                "SELECT id, job_namespace, job_name FROM lineage_events WHERE job_name = ANY(?::text[]) ORDER BY id";
        List<LoggedEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setArray(1, statement.getConnection().createArrayOf("text", jobNames.toArray(String[]::new)));
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    events.add(new LoggedEvent(result.getLong(1), result.getString(2), result.getString(3)));
                }
            }
            return events;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the events of jobs", exception);
        }
    }

    /** The log's dataset events, with the dataset each names as received. */
    @Transactional(readOnly = true)
    public List<LoggedDatasetEvent> datasetEvents() {
        String sql =
                """
                SELECT id, payload->'dataset'->>'namespace', payload->'dataset'->>'name' FROM lineage_events
                WHERE event_kind = 'DATASET' ORDER BY id""";
        List<LoggedDatasetEvent> events = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    events.add(new LoggedDatasetEvent(result.getLong(1), result.getString(2), result.getString(3)));
                }
            }
            return events;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the dataset events", exception);
        }
    }

    /** The payload of a stored event. */
    @Transactional(readOnly = true)
    public String payload(long eventId) {
        try (PreparedStatement statement =
                connection().prepareStatement("SELECT payload::text FROM lineage_events WHERE id = ?")) {
            statement.setLong(1, eventId);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    throw new StoreException("no event " + eventId + " in the log", new SQLException("no row"));
                }
                return result.getString(1);
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot read an event", exception);
        }
    }

    /**
     * Removes the projected rows of the scope: the jobs with their runs, versions, edges, column lineage and tags, and
     * the datasets with theirs. Before that it keeps, by name, the tags and soft deletes of the scope and the state of
     * every other dataset the jobs touch (facets, fields, current version, times), which {@link #restore} puts back
     * once the events are projected again: re-projecting older events must not roll them back.
     */
    @Transactional
    public void clear(Collection<Long> jobIds, Collection<Long> datasetIds) {
        Long[] jobs = jobIds.toArray(Long[]::new);
        Long[] datasets = datasetIds.toArray(Long[]::new);
        execute("DROP TABLE IF EXISTS reprojection_kept_tags, reprojection_kept_datasets, reprojection_kept_hidden");
        execute(
                """
                CREATE TEMP TABLE reprojection_kept_tags (kind text, namespace text, name text, field text,
                    tag_name text, tagged_at timestamptz) ON COMMIT DROP""");
        execute(
                """
                INSERT INTO reprojection_kept_tags
                SELECT 'dataset', d.namespace, d.name, NULL, t.tag_name, t.tagged_at
                FROM dataset_tags t JOIN datasets d ON d.id = t.dataset_id WHERE d.id = ANY(?::bigint[])
                UNION ALL SELECT 'field', d.namespace, d.name, t.field, t.tag_name, t.tagged_at
                FROM dataset_field_tags t JOIN datasets d ON d.id = t.dataset_id WHERE d.id = ANY(?::bigint[])
                UNION ALL SELECT 'job', j.namespace, j.name, NULL, t.tag_name, t.tagged_at
                FROM job_tags t JOIN jobs j ON j.id = t.job_id WHERE j.id = ANY(?::bigint[])""",
                datasets,
                datasets,
                jobs);
        execute("CREATE TEMP TABLE reprojection_kept_hidden (kind text, namespace text, name text) ON COMMIT DROP");
        execute(
                """
                INSERT INTO reprojection_kept_hidden
                SELECT 'dataset', namespace, name FROM datasets WHERE id = ANY(?::bigint[]) AND is_hidden
                UNION ALL SELECT 'job', namespace, name FROM jobs WHERE id = ANY(?::bigint[]) AND is_hidden""",
                datasets,
                jobs);
        execute(
                """
                CREATE TEMP TABLE reprojection_kept_datasets ON COMMIT DROP AS
                SELECT id, source_name, fields, facets, current_version, updated_at, is_hidden FROM datasets
                WITH NO DATA""");
        execute(
                """
                INSERT INTO reprojection_kept_datasets
                SELECT d.id, d.source_name, d.fields, d.facets, d.current_version, d.updated_at, d.is_hidden
                FROM datasets d WHERE d.id IN (SELECT dataset_id FROM lineage_edges WHERE job_id = ANY(?::bigint[]))
                    AND NOT d.id = ANY(?::bigint[])""",
                jobs,
                datasets);
        execute(
                "DELETE FROM column_lineage WHERE job_id = ANY(?::bigint[]) OR output_dataset_id = ANY(?::bigint[])"
                        + " OR input_dataset_id = ANY(?::bigint[])",
                jobs,
                datasets,
                datasets);
        execute(
                "DELETE FROM lineage_edges WHERE job_id = ANY(?::bigint[]) OR dataset_id = ANY(?::bigint[])",
                jobs,
                datasets);
        execute("DELETE FROM job_tags WHERE job_id = ANY(?::bigint[])", jobs);
        execute("DELETE FROM dataset_tags WHERE dataset_id = ANY(?::bigint[])", datasets);
        execute("DELETE FROM dataset_field_tags WHERE dataset_id = ANY(?::bigint[])", datasets);
        execute("UPDATE jobs SET current_version = NULL, latest_run_id = NULL WHERE id = ANY(?::bigint[])", jobs);
        execute("DELETE FROM runs WHERE job_id = ANY(?::bigint[])", jobs);
        execute("DELETE FROM job_versions WHERE job_id = ANY(?::bigint[])", jobs);
        execute("DELETE FROM jobs WHERE id = ANY(?::bigint[])", jobs);
        execute("UPDATE datasets SET current_version = NULL WHERE id = ANY(?::bigint[])", datasets);
        execute("DELETE FROM dataset_versions WHERE dataset_id = ANY(?::bigint[])", datasets);
        execute("DELETE FROM datasets WHERE id = ANY(?::bigint[])", datasets);
    }

    /** Puts back what {@link #clear} kept: tags and soft deletes by name, the other datasets' state by id. */
    @Transactional
    public void restore() {
        execute(
                """
                UPDATE datasets d SET source_name = k.source_name, fields = k.fields, facets = k.facets,
                    current_version = k.current_version, updated_at = k.updated_at, is_hidden = k.is_hidden
                FROM reprojection_kept_datasets k WHERE d.id = k.id""");
        execute(
                """
                INSERT INTO dataset_tags (dataset_id, tag_name, tagged_at)
                SELECT d.id, k.tag_name, k.tagged_at FROM reprojection_kept_tags k
                JOIN datasets d ON d.namespace = k.namespace AND d.name = k.name WHERE k.kind = 'dataset'
                ON CONFLICT DO NOTHING""");
        execute(
                """
                INSERT INTO dataset_field_tags (dataset_id, field, tag_name, tagged_at)
                SELECT d.id, k.field, k.tag_name, k.tagged_at FROM reprojection_kept_tags k
                JOIN datasets d ON d.namespace = k.namespace AND d.name = k.name WHERE k.kind = 'field'
                ON CONFLICT DO NOTHING""");
        execute(
                """
                INSERT INTO job_tags (job_id, tag_name, tagged_at)
                SELECT j.id, k.tag_name, k.tagged_at FROM reprojection_kept_tags k
                JOIN jobs j ON j.namespace = k.namespace AND j.name = k.name WHERE k.kind = 'job'
                ON CONFLICT DO NOTHING""");
        execute(
                """
                UPDATE datasets d SET is_hidden = TRUE FROM reprojection_kept_hidden k
                WHERE k.kind = 'dataset' AND d.namespace = k.namespace AND d.name = k.name""");
        execute(
                """
                UPDATE jobs j SET is_hidden = TRUE FROM reprojection_kept_hidden k
                WHERE k.kind = 'job' AND j.namespace = k.namespace AND j.name = k.name""");
    }

    private List<Node> nodes(String sql, String namespace, String name) {
        List<Node> nodes = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setString(1, namespace);
            if (!name.isEmpty()) {
                statement.setString(2, name);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    nodes.add(new Node(result.getLong(1), result.getString(2), result.getString(3)));
                }
            }
            return nodes;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the nodes to re-project", exception);
        }
    }

    private void execute(String sql, Long[]... parameters) {
        Connection connection = connection();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setArray(index + 1, connection.createArrayOf("bigint", parameters[index]));
            }
            statement.execute();
        } catch (SQLException exception) {
            throw new StoreException("re-projection failed", exception);
        }
    }

    private Connection connection() {
        return Statements.connection(dataSource);
    }
}
