package lineage.server.store;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The stored side of dataset identity: the aliases learned or added ({@code identity_aliases}), the "never merge"
 * vetoes ({@code identity_vetoes}) and the record of what happened ({@code identity_changes}).
 */
@Singleton
public class IdentityStore {
    private final DataSource dataSource;

    public IdentityStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A veto: the alias must not map to the canonical name again. */
    public record VetoRow(
            String aliasNamespace,
            String aliasName,
            String canonicalNamespace,
            String canonicalName,
            OffsetDateTime vetoedAt) {}

    /** An entry of the record of identity changes. */
    public record ChangeRow(
            long id,
            OffsetDateTime changedAt,
            String action,
            String aliasNamespace,
            String aliasName,
            String canonicalNamespace,
            String canonicalName,
            String origin,
            @Nullable String detail) {}

    @Transactional(readOnly = true)
    public List<AliasRow> aliases() {
        String sql =
                """
                SELECT alias_namespace, alias_name, canonical_namespace, canonical_name, origin, evidence, learned_at,
                    merged_at
                FROM identity_aliases ORDER BY learned_at, alias_namespace, alias_name""";
        List<AliasRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new AliasRow(
                        result.getString(1),
                        result.getString(2),
                        result.getString(3),
                        result.getString(4),
                        result.getString(5),
                        result.getString(6),
                        time(result, 7),
                        time(result, 8)));
            }
            return rows;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the aliases", exception);
        }
    }

    @Transactional(readOnly = true)
    public List<VetoRow> vetoes() {
        String sql =
                """
                SELECT alias_namespace, alias_name, canonical_namespace, canonical_name, vetoed_at FROM identity_vetoes
                ORDER BY vetoed_at""";
        List<VetoRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql);
                ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                rows.add(new VetoRow(
                        result.getString(1),
                        result.getString(2),
                        result.getString(3),
                        result.getString(4),
                        time(result, 5)));
            }
            return rows;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the identity vetoes", exception);
        }
    }

    /**
     * Stores an alias unless the same alias is stored already or vetoed; aliases that pointed at the alias's name now
     * point at its canonical name (no chains). Returns whether it was stored.
     */
    @Transactional
    public boolean add(AliasRow alias) {
        String insert =
                """
                INSERT INTO identity_aliases (alias_namespace, alias_name, canonical_namespace, canonical_name, origin,
                    evidence, learned_at)
                SELECT ?, ?, ?, ?, ?, ?, ?
                WHERE NOT EXISTS (SELECT 1 FROM identity_vetoes v WHERE v.alias_namespace = ? AND v.alias_name = ?
                    AND v.canonical_namespace = ? AND v.canonical_name = ?)
                ON CONFLICT (alias_namespace, alias_name) DO NOTHING""";
        int inserted;
        try (PreparedStatement statement = connection().prepareStatement(insert)) {
            statement.setString(1, alias.aliasNamespace());
            statement.setString(2, alias.aliasName());
            statement.setString(3, alias.canonicalNamespace());
            statement.setString(4, alias.canonicalName());
            statement.setString(5, alias.origin());
            statement.setString(6, alias.evidence());
            statement.setObject(7, alias.learnedAt());
            statement.setString(8, alias.aliasNamespace());
            statement.setString(9, alias.aliasName());
            statement.setString(10, alias.canonicalNamespace());
            statement.setString(11, alias.canonicalName());
            inserted = statement.executeUpdate();
        } catch (SQLException exception) {
            throw new StoreException("cannot store an alias", exception);
        }
        if (inserted == 0) {
            return false;
        }
        Statements.execute(
                dataSource,
                """
                UPDATE identity_aliases SET canonical_namespace = ?, canonical_name = ?, merged_at = NULL
                WHERE canonical_namespace = ? AND canonical_name = ?""",
                (connection, statement) -> {
                    statement.setString(1, alias.canonicalNamespace());
                    statement.setString(2, alias.canonicalName());
                    statement.setString(3, alias.aliasNamespace());
                    statement.setString(4, alias.aliasName());
                });
        record(
                "alias",
                alias.aliasNamespace(),
                alias.aliasName(),
                alias.canonicalNamespace(),
                alias.canonicalName(),
                alias.origin(),
                alias.evidence());
        return true;
    }

    /** Removes an alias and vetoes it. Returns the removed row, if there was one. */
    @Transactional
    public java.util.Optional<AliasRow> removeAndVeto(String aliasNamespace, String aliasName) {
        java.util.Optional<AliasRow> removed = aliases().stream()
                .filter(row -> row.aliasNamespace().equals(aliasNamespace)
                        && row.aliasName().equals(aliasName))
                .findFirst();
        if (removed.isEmpty()) {
            return removed;
        }
        AliasRow row = removed.get();
        Statements.execute(
                dataSource,
                "DELETE FROM identity_aliases WHERE alias_namespace = ? AND alias_name = ?",
                (connection, statement) -> {
                    statement.setString(1, aliasNamespace);
                    statement.setString(2, aliasName);
                });
        Statements.execute(
                dataSource,
                """
                INSERT INTO identity_vetoes (alias_namespace, alias_name, canonical_namespace, canonical_name)
                VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                (connection, statement) -> {
                    statement.setString(1, row.aliasNamespace());
                    statement.setString(2, row.aliasName());
                    statement.setString(3, row.canonicalNamespace());
                    statement.setString(4, row.canonicalName());
                });
        record(
                "split",
                row.aliasNamespace(),
                row.aliasName(),
                row.canonicalNamespace(),
                row.canonicalName(),
                row.origin(),
                null);
        return removed;
    }

    /** Marks an alias merged: what was stored under it has moved to its canonical name. Returns the change's id. */
    @Transactional
    public long markMerged(AliasRow alias, OffsetDateTime at, String detail) {
        Statements.execute(
                dataSource,
                """
                UPDATE identity_aliases SET merged_at = ? WHERE alias_namespace = ? AND alias_name = ?
                    AND canonical_namespace = ? AND canonical_name = ?""",
                (connection, statement) -> {
                    statement.setObject(1, at);
                    statement.setString(2, alias.aliasNamespace());
                    statement.setString(3, alias.aliasName());
                    statement.setString(4, alias.canonicalNamespace());
                    statement.setString(5, alias.canonicalName());
                });
        return record(
                "merge",
                alias.aliasNamespace(),
                alias.aliasName(),
                alias.canonicalNamespace(),
                alias.canonicalName(),
                alias.origin(),
                detail);
    }

    /** Records a merge that no stored alias stands for (one of configuration's). Returns the change's id. */
    @Transactional
    public long recordMerge(
            String aliasNamespace,
            String aliasName,
            String canonicalNamespace,
            String canonicalName,
            String origin,
            String detail) {
        return record("merge", aliasNamespace, aliasName, canonicalNamespace, canonicalName, origin, detail);
    }

    /** The id of the latest identity change, 0 when there is none: a replica compares it with the last it saw. */
    @Transactional(readOnly = true)
    public long latestChange() {
        try (PreparedStatement statement =
                        connection().prepareStatement("SELECT coalesce(max(id), 0) FROM identity_changes");
                ResultSet result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        } catch (SQLException exception) {
            throw new StoreException("cannot read the identity changes", exception);
        }
    }

    /** The changes after {@code afterId}, oldest first. */
    @Transactional(readOnly = true)
    public List<ChangeRow> changes(long afterId, int limit) {
        String sql =
                """
                SELECT id, changed_at, action, alias_namespace, alias_name, canonical_namespace, canonical_name, origin,
                    detail
                FROM identity_changes WHERE id > ? ORDER BY id LIMIT ?""";
        List<ChangeRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setLong(1, afterId);
            statement.setInt(2, limit);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new ChangeRow(
                            result.getLong(1),
                            time(result, 2),
                            result.getString(3),
                            result.getString(4),
                            result.getString(5),
                            result.getString(6),
                            result.getString(7),
                            result.getString(8),
                            result.getString(9)));
                }
            }
            return rows;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the identity changes", exception);
        }
    }

    /** The job namespaces the stored events of a run name, with their producers. */
    public record RunNamespace(String producer, String jobNamespace) {}

    @Transactional(readOnly = true)
    public List<RunNamespace> runNamespaces(UUID runId) {
        String sql = "SELECT DISTINCT producer, job_namespace FROM lineage_events WHERE run_id = ?"
                + " AND producer IS NOT NULL AND job_namespace IS NOT NULL";
        List<RunNamespace> rows = new ArrayList<>();
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setObject(1, runId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new RunNamespace(result.getString(1), result.getString(2)));
                }
            }
            return rows;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the events of a run", exception);
        }
    }

    /** Every stored namespace's name. */
    @Transactional(readOnly = true)
    public List<String> namespaces() {
        return namespacesStartingWith("");
    }

    /** Deletes the namespace when no dataset or job is left in it (all merged away); returns whether it did. */
    @Transactional
    public boolean deleteIfEmpty(String namespace) {
        try (PreparedStatement statement = connection()
                .prepareStatement(
                        """
                DELETE FROM namespaces n WHERE n.name = ?
                    AND NOT EXISTS (SELECT 1 FROM datasets d WHERE d.namespace = n.name)
                    AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.namespace = n.name)""")) {
            statement.setString(1, namespace);
            return statement.executeUpdate() > 0;
        } catch (SQLException exception) {
            throw new StoreException("cannot delete an empty namespace", exception);
        }
    }

    /** The jobs that currently write the dataset, as {@code namespace name} pairs. */
    @Transactional(readOnly = true)
    public List<String> writers(String namespace, String name) {
        List<String> writers = new ArrayList<>();
        try (PreparedStatement statement = connection()
                .prepareStatement(
                        """
                SELECT j.namespace, j.name FROM lineage_edges e JOIN jobs j ON j.id = e.job_id
                JOIN datasets d ON d.id = e.dataset_id
                WHERE d.namespace = ? AND d.name = ? AND e.direction = 'OUTPUT' AND e.is_current
                ORDER BY j.namespace, j.name""")) {
            statement.setString(1, namespace);
            statement.setString(2, name);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    writers.add(result.getString(1) + " " + result.getString(2));
                }
            }
            return writers;
        } catch (SQLException exception) {
            throw new StoreException("cannot read a dataset's writers", exception);
        }
    }

    /** Lifts the vetoes of an alias: an operator adds it by hand. */
    @Transactional
    public void liftVetoes(String aliasNamespace, String aliasName) {
        Statements.execute(
                dataSource,
                "DELETE FROM identity_vetoes WHERE alias_namespace = ? AND alias_name = ?",
                (connection, statement) -> {
                    statement.setString(1, aliasNamespace);
                    statement.setString(2, aliasName);
                });
    }

    /** The names of the datasets stored in a namespace. */
    @Transactional(readOnly = true)
    public List<String> datasetNames(String namespace) {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement =
                connection().prepareStatement("SELECT name FROM datasets WHERE namespace = ? ORDER BY name")) {
            statement.setString(1, namespace);
            statement.setFetchSize(10_000);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            return names;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the datasets of a namespace", exception);
        }
    }

    /** The stored namespaces whose names start with {@code prefix} (such as {@code trino://}). */
    @Transactional(readOnly = true)
    public List<String> namespacesStartingWith(String prefix) {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement =
                connection().prepareStatement("SELECT name FROM namespaces WHERE starts_with(name, ?) ORDER BY name")) {
            statement.setString(1, prefix);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    names.add(result.getString(1));
                }
            }
            return names;
        } catch (SQLException exception) {
            throw new StoreException("cannot read the namespaces", exception);
        }
    }

    private long record(
            String action,
            String aliasNamespace,
            String aliasName,
            String canonicalNamespace,
            String canonicalName,
            String origin,
            @Nullable String detail) {
        String sql =
                """
                INSERT INTO identity_changes (action, alias_namespace, alias_name, canonical_namespace, canonical_name,
                    origin, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""";
        try (PreparedStatement statement = connection().prepareStatement(sql)) {
            statement.setString(1, action);
            statement.setString(2, aliasNamespace);
            statement.setString(3, aliasName);
            statement.setString(4, canonicalNamespace);
            statement.setString(5, canonicalName);
            statement.setString(6, origin);
            statement.setString(7, detail);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        } catch (SQLException exception) {
            throw new StoreException("cannot record an identity change", exception);
        }
    }

    private Connection connection() {
        return Statements.connection(dataSource);
    }

    private static @Nullable OffsetDateTime time(ResultSet result, int column) throws SQLException {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
