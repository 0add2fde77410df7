package lineage.server.store;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Tags and what they are put on: datasets, dataset fields and jobs. Tagging twice, or untagging what is not tagged,
 * changes nothing. The tags of a set of datasets or jobs are read in one query, sorted by name.
 */
@Singleton
public class TagStore {
    private final DataSource dataSource;

    public TagStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(readOnly = true)
    public List<TagRow> findTags(int limit, int offset) {
        List<TagRow> tags = new ArrayList<>();
        query(
                "SELECT name, description FROM tags ORDER BY name LIMIT ? OFFSET ?",
                statement -> {
                    statement.setInt(1, limit);
                    statement.setInt(2, offset);
                },
                result -> tags.add(new TagRow(result.getString(1), result.getString(2))));
        return tags;
    }

    @Transactional(readOnly = true)
    public Optional<TagRow> findTag(String name) {
        List<TagRow> tags = new ArrayList<>();
        query(
                "SELECT name, description FROM tags WHERE name = ?",
                statement -> statement.setString(1, name),
                result -> tags.add(new TagRow(result.getString(1), result.getString(2))));
        return tags.stream().findFirst();
    }

    /** Creates the tag or replaces its description. */
    @Transactional
    public TagRow putTag(String name, String description) {
        update(
                """
                INSERT INTO tags (name, description) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, updated_at = now()""",
                statement -> {
                    statement.setString(1, name);
                    statement.setString(2, description);
                });
        return new TagRow(name, description);
    }

    @Transactional
    public void tagDataset(long datasetId, String tag) {
        update("INSERT INTO dataset_tags (dataset_id, tag_name) VALUES (?, ?) ON CONFLICT DO NOTHING", statement -> {
            statement.setLong(1, datasetId);
            statement.setString(2, tag);
        });
    }

    @Transactional
    public void untagDataset(long datasetId, String tag) {
        update("DELETE FROM dataset_tags WHERE dataset_id = ? AND tag_name = ?", statement -> {
            statement.setLong(1, datasetId);
            statement.setString(2, tag);
        });
    }

    @Transactional
    public void tagField(long datasetId, String field, String tag) {
        update(
                "INSERT INTO dataset_field_tags (dataset_id, field, tag_name) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                statement -> {
                    statement.setLong(1, datasetId);
                    statement.setString(2, field);
                    statement.setString(3, tag);
                });
    }

    @Transactional
    public void untagField(long datasetId, String field, String tag) {
        update("DELETE FROM dataset_field_tags WHERE dataset_id = ? AND field = ? AND tag_name = ?", statement -> {
            statement.setLong(1, datasetId);
            statement.setString(2, field);
            statement.setString(3, tag);
        });
    }

    @Transactional
    public void tagJob(long jobId, String tag) {
        update("INSERT INTO job_tags (job_id, tag_name) VALUES (?, ?) ON CONFLICT DO NOTHING", statement -> {
            statement.setLong(1, jobId);
            statement.setString(2, tag);
        });
    }

    @Transactional
    public void untagJob(long jobId, String tag) {
        update("DELETE FROM job_tags WHERE job_id = ? AND tag_name = ?", statement -> {
            statement.setLong(1, jobId);
            statement.setString(2, tag);
        });
    }

    /** The tags of each dataset that has some. */
    @Transactional(readOnly = true)
    public Map<Long, List<String>> datasetTags(Collection<Long> datasetIds) {
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        byIds(
                "SELECT dataset_id, tag_name FROM dataset_tags WHERE dataset_id = ANY (?) ORDER BY dataset_id, tag_name",
                datasetIds,
                result -> tags.computeIfAbsent(result.getLong(1), id -> new ArrayList<>())
                        .add(result.getString(2)));
        return tags;
    }

    /** The tags of each tagged field, by dataset then field. */
    @Transactional(readOnly = true)
    public Map<Long, Map<String, List<String>>> fieldTags(Collection<Long> datasetIds) {
        Map<Long, Map<String, List<String>>> tags = new LinkedHashMap<>();
        byIds(
                """
                SELECT dataset_id, field, tag_name FROM dataset_field_tags WHERE dataset_id = ANY (?)
                ORDER BY dataset_id, field, tag_name""",
                datasetIds,
                result -> tags.computeIfAbsent(result.getLong(1), id -> new LinkedHashMap<>())
                        .computeIfAbsent(result.getString(2), field -> new ArrayList<>())
                        .add(result.getString(3)));
        return tags;
    }

    /** The tags of each job that has some. */
    @Transactional(readOnly = true)
    public Map<Long, List<String>> jobTags(Collection<Long> jobIds) {
        Map<Long, List<String>> tags = new LinkedHashMap<>();
        byIds(
                "SELECT job_id, tag_name FROM job_tags WHERE job_id = ANY (?) ORDER BY job_id, tag_name",
                jobIds,
                result -> tags.computeIfAbsent(result.getLong(1), id -> new ArrayList<>())
                        .add(result.getString(2)));
        return tags;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet result) throws SQLException;
    }

    private void byIds(String sql, Collection<Long> ids, RowConsumer consumer) {
        if (ids.isEmpty()) {
            return;
        }
        query(
                sql,
                statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint", ids.toArray())),
                consumer);
    }

    private void query(String sql, Binder binder, RowConsumer consumer) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            binder.bind(statement);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(result);
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("tag query failed", exception);
        }
    }

    private void update(String sql, Binder binder) {
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            binder.bind(statement);
            statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("tag update failed", exception);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException exception) {
            throw new StoreException("no database connection", exception);
        }
    }
}
