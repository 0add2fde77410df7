package lineage.server.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * Moves everything stored under an alias namespace or alias datasets onto the canonical ones, each call in one
 * transaction: two names of one table (two spellings of a Trino cluster's namespace, a PostgreSQL table also named
 * through a Trino catalog) become one node.
 *
 * <p>An alias row whose canonical row exists is merged into it: every row that references the alias (edges, column
 * lineage, versions, tags, runs) is repointed to the canonical row, rows that then collide are combined, and the alias
 * row is deleted. The canonical row keeps its fields, current version and latest run unless the alias row was updated
 * later (and has them) or the canonical row has none; facets are merged, the later row's keys winning. An alias without
 * a canonical row is renamed. The datasets a job version lists are renamed too (its hash stays); the raw event log
 * ({@code lineage_events}) is never changed.
 *
 * <p>Set-based: the alias and canonical ids go into temporary tables, and each kind of row moves in one statement; the
 * edges that move are read once. Most of a large merge's time is PostgreSQL's per-row work. A renamed row gets new
 * entries in every index of its table (the trigram index of names is about a third of a rename) and a foreign-key check
 * of its namespace (a fifth); a deleted row one check per foreign key that references it (six for a dataset, five for a
 * job: RESTRICT, one query each). A row the merge would leave as it was (a canonical row, edge or column edge that
 * already holds what its alias adds) is not rewritten. Deleting a merged job looks its column lineage up by
 * {@code job_id}, which wants an index there.
 *
 * <p>Ingestion goes on while a merge runs, and upserts datasets, jobs and edges by namespace and name. Before it
 * changes anything, the merge locks the rows it moves in the order ingestion upserts them: namespaces, then jobs, then
 * datasets, each by namespace and name. An ingesting transaction can meet: a wait, when it writes a row the merge
 * locked, until the merge commits; a deadlock, where it took its locks in another order (its later statements lock
 * datasets by id and edges by key): PostgreSQL aborts one of the two, ingestion retries, and an aborted merge changed
 * nothing and can be called again; once the merge committed, a foreign-key violation when it writes an edge, version
 * or run of a dataset or job the merge deleted (ingestion looks ids up without locking them) or a row into the deleted
 * alias namespace: that event stays in the event log, unprojected, and reprocessing resolves its names again. An event
 * that still names an alias creates it again: the caller first makes ingestion resolve the alias to its canonical
 * names, then merges, and after the commit forgets the alias namespace ({@link NamespaceStore#forgetCommitted}). The
 * merge itself fails with a unique violation, changing nothing, when ingestion creates a canonical dataset or job
 * between the merge's look-up and its rename.
 */
@Singleton
public class IdentityMerges {
    private final DataSource dataSource;

    public IdentityMerges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A dataset that is to become another one. */
    public record DatasetMove(NodeId from, NodeId to) {
        public DatasetMove {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            if (from.type() != NodeId.Type.DATASET || to.type() != NodeId.Type.DATASET) {
                throw new IllegalArgumentException("a dataset move names two datasets: " + from + " -> " + to);
            }
            if (from.equals(to)) {
                throw new IllegalArgumentException("a dataset cannot move onto itself: " + from);
            }
        }
    }

    /**
     * What moved: counts, and the canonical jobs whose edges changed (the caller reloads their edges into the in-memory
     * graph) and the node ids that no longer exist (the caller drops them from the graph). Both sets are sorted.
     */
    public record Merged(
            int datasetsMerged,
            int datasetsRenamed,
            int jobsMerged,
            int jobsRenamed,
            Set<NodeId> changedJobs,
            Set<NodeId> removedNodes) {
        public Merged {
            requireNonNull(changedJobs, "changedJobs is null");
            requireNonNull(removedNodes, "removedNodes is null");
            changedJobs = Collections.unmodifiableSortedSet(new TreeSet<>(changedJobs));
            removedNodes = Collections.unmodifiableSortedSet(new TreeSet<>(removedNodes));
        }

        static Merged nothing() {
            return new Merged(0, 0, 0, 0, Set.of(), Set.of());
        }
    }

    /**
     * Every dataset and job of namespace {@code alias} becomes the same-named one of {@code canonical} (merged into it
     * where it exists, renamed otherwise); the alias namespace row is deleted, its owner, description and times folded
     * into the canonical one (created from it when missing). Nothing changes when there is no namespace {@code alias}.
     */
    @Transactional
    public Merged mergeNamespace(String alias, String canonical) {
        requireNonNull(alias, "alias is null");
        requireNonNull(canonical, "canonical is null");
        if (alias.equals(canonical)) {
            throw new IllegalArgumentException("namespace '" + alias + "' cannot merge into itself");
        }
        NamespaceLocks.exclusive(dataSource, List.of(alias, canonical));
        // Namespace rows are locked in name order, as ingestion upserts them (in the database's collation). Both are
        // locked FOR UPDATE: no dataset or job can be created in either while the merge runs (a row inserted in the
        // canonical namespace after the merge has read it would collide with an alias row renamed to the same name);
        // ingestion creating one waits for the merge to commit, then finds the row the merge left.
        boolean aliasFirst = count("SELECT count(*) WHERE ?::text < ?::text", alias, canonical) > 0;
        boolean aliasExists;
        if (aliasFirst) {
            aliasExists = lockNamespace(alias);
            upsertCanonicalNamespace(alias, canonical);
            lockNamespace(canonical);
        } else {
            upsertCanonicalNamespace(alias, canonical);
            lockNamespace(canonical);
            aliasExists = lockNamespace(alias);
        }
        if (!aliasExists) {
            return Merged.nothing();
        }
        createMoveTables();
        for (String table : List.of("datasets", "jobs")) {
            execute(
                    """
                    INSERT INTO merge_%1$s (alias_id, kept_id, from_namespace, from_name, to_namespace, to_name)
                    SELECT a.id, COALESCE(c.id, a.id), a.namespace, a.name, ?, a.name
                    FROM %1$s a LEFT JOIN %1$s c ON c.namespace = ? AND c.name = a.name
                    WHERE a.namespace = ?"""
                            .formatted(table),
                    canonical,
                    canonical,
                    alias);
        }
        prepareMoveTables();
        for (String table : List.of("jobs", "datasets")) {
            // Every row of the alias namespace (no other transaction can add one: the namespace row is locked) in
            // name order straight from the (namespace, name) index, and the canonical rows that exist, the two
            // namespaces in their order.
            String aliasRows = "SELECT id FROM %s WHERE namespace = ? ORDER BY namespace, name".formatted(table);
            String canonicalRows =
                    """
                    SELECT id FROM %1$s WHERE id IN (SELECT kept_id FROM merge_%1$s WHERE kept_id <> alias_id)
                    ORDER BY namespace, name"""
                            .formatted(table);
            if (aliasFirst) {
                lock(aliasRows, alias);
                lock(canonicalRows);
            } else {
                lock(canonicalRows);
                lock(aliasRows, alias);
            }
        }
        Merged merged = moveAll();
        execute("DELETE FROM namespaces WHERE name = ?", alias);
        return merged;
    }

    /**
     * Each {@code from} dataset is merged into its {@code to} dataset (created — renamed — when {@code to} does not
     * exist; the to namespace row is created if missing). Several datasets may move to one; a dataset that moves may
     * not be another's {@code to}. A {@code from} that does not exist is skipped.
     */
    @Transactional
    public Merged mergeDatasets(List<DatasetMove> moves) {
        requireNonNull(moves, "moves is null");
        Set<NodeId> froms = new HashSet<>();
        for (DatasetMove move : moves) {
            if (!froms.add(move.from())) {
                throw new IllegalArgumentException("dataset " + move.from() + " moves twice");
            }
        }
        for (DatasetMove move : moves) {
            if (froms.contains(move.to())) {
                throw new IllegalArgumentException("dataset " + move.to() + " both moves and is moved onto");
            }
        }
        if (moves.isEmpty()) {
            return Merged.nothing();
        }
        TreeSet<String> namespaces = new TreeSet<>();
        for (DatasetMove move : moves) {
            namespaces.add(move.from().namespace());
            namespaces.add(move.to().namespace());
        }
        NamespaceLocks.exclusive(dataSource, namespaces);
        createMoveTables();
        // The namespaces moved onto are created, then every namespace a move names is locked, as mergeNamespace locks
        // its two: no dataset can be created in them until the merge commits, so the plan below stays true.
        execute(
                """
                INSERT INTO namespaces (name, created_at, updated_at)
                SELECT w.to_namespace, min(n.created_at), max(n.updated_at)
                FROM unnest(?::text[], ?::text[], ?::text[]) AS w(from_namespace, from_name, to_namespace)
                JOIN datasets a ON a.namespace = w.from_namespace AND a.name = w.from_name
                JOIN namespaces n ON n.name = w.from_namespace
                GROUP BY w.to_namespace ORDER BY w.to_namespace
                ON CONFLICT (name) DO NOTHING""",
                SqlArrays.text(moves, move -> move.from().namespace()),
                SqlArrays.text(moves, move -> move.from().name()),
                SqlArrays.text(moves, move -> move.to().namespace()));
        lock(
                "SELECT name FROM namespaces WHERE name IN (SELECT unnest(?::text[]) UNION SELECT unnest(?::text[]))"
                        + " ORDER BY name",
                SqlArrays.text(moves, move -> move.from().namespace()),
                SqlArrays.text(moves, move -> move.to().namespace()));
        // Several datasets moving to one that does not exist: the first by id is renamed, the others merged into it.
        execute(
                """
                INSERT INTO merge_datasets (alias_id, kept_id, from_namespace, from_name, to_namespace, to_name)
                SELECT a.id, COALESCE(c.id, min(a.id) OVER (PARTITION BY w.to_namespace, w.to_name)),
                    w.from_namespace, w.from_name, w.to_namespace, w.to_name
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                    AS w(from_namespace, from_name, to_namespace, to_name)
                JOIN datasets a ON a.namespace = w.from_namespace AND a.name = w.from_name
                LEFT JOIN datasets c ON c.namespace = w.to_namespace AND c.name = w.to_name""",
                SqlArrays.text(moves, move -> move.from().namespace()),
                SqlArrays.text(moves, move -> move.from().name()),
                SqlArrays.text(moves, move -> move.to().namespace()),
                SqlArrays.text(moves, move -> move.to().name()));
        prepareMoveTables();
        lockRows();
        return moveAll();
    }

    private boolean lockNamespace(String name) {
        // FOR UPDATE, not FOR NO KEY UPDATE: no dataset or job can be created in the namespace meanwhile (their foreign
        // key checks take FOR KEY SHARE, which FOR UPDATE blocks and FOR NO KEY UPDATE would not).
        return count("SELECT count(*) FROM (SELECT name FROM namespaces WHERE name = ? FOR UPDATE) locked", name) > 0;
    }

    private void upsertCanonicalNamespace(String alias, String canonical) {
        execute(
                """
                INSERT INTO namespaces (name, owner_name, description, created_at, updated_at, is_hidden)
                SELECT ?, owner_name, description, created_at, updated_at, is_hidden FROM namespaces WHERE name = ?
                ON CONFLICT (name) DO UPDATE SET owner_name = COALESCE(namespaces.owner_name, EXCLUDED.owner_name),
                    description = COALESCE(namespaces.description, EXCLUDED.description),
                    created_at = LEAST(namespaces.created_at, EXCLUDED.created_at),
                    updated_at = GREATEST(namespaces.updated_at, EXCLUDED.updated_at),
                    is_hidden = namespaces.is_hidden AND EXCLUDED.is_hidden""",
                canonical,
                alias);
    }

    /**
     * The alias rows and the rows they become ({@code kept_id}: the canonical row, or the alias row itself when it is
     * renamed), with the names before and after.
     */
    private void createMoveTables() {
        for (String table : List.of("merge_datasets", "merge_jobs")) {
            execute(
                    """
                    CREATE TEMPORARY TABLE %s (alias_id bigint NOT NULL, kept_id bigint NOT NULL,
                        from_namespace text NOT NULL, from_name text NOT NULL, to_namespace text NOT NULL,
                        to_name text NOT NULL) ON COMMIT DROP"""
                            .formatted(table));
        }
    }

    /** Indexes the filled move tables (one sort, not an index insert per row) and gives the planner their sizes. */
    private void prepareMoveTables() {
        // The statements sort and hash up to a few hundred thousand rows each (4 MB by default spills them to disk);
        // compiling the largest with JIT took longer than running them (0.8 s of 1.3 s for the job versions' names).
        execute("SET LOCAL work_mem = '64MB'; SET LOCAL jit = off");
        execute(
                "ALTER TABLE merge_datasets ADD PRIMARY KEY (alias_id); ALTER TABLE merge_jobs ADD PRIMARY KEY (alias_id)");
        execute("ANALYZE merge_datasets, merge_jobs");
    }

    private Merged moveAll() {
        collectEdges();
        execute(
                """
                UPDATE datasets d SET namespace = m.to_namespace, name = m.to_name
                FROM merge_datasets m WHERE d.id = m.alias_id AND m.alias_id = m.kept_id;
                UPDATE jobs j SET namespace = m.to_namespace, name = m.to_name
                FROM merge_jobs m WHERE j.id = m.alias_id AND m.alias_id = m.kept_id""");
        moveVersions("dataset_versions", "dataset_id", "fields_hash", "merge_datasets", "merge_dataset_versions");
        moveVersions("job_versions", "job_id", "version_hash", "merge_jobs", "merge_job_versions");
        mergeDatasetRows();
        mergeJobRows();
        execute(
                """
                UPDATE runs r SET job_id = m.kept_id,
                    job_version = COALESCE((SELECT x.new_id FROM merge_job_versions x WHERE x.old_id = r.job_version),
                        r.job_version)
                FROM merge_jobs m WHERE r.job_id = m.alias_id AND m.alias_id <> m.kept_id""");
        moveEdges();
        moveColumnLineage();
        moveTags();
        renameVersionDatasets();
        execute(
                """
                DELETE FROM datasets d USING merge_datasets m WHERE d.id = m.alias_id AND m.alias_id <> m.kept_id;
                DELETE FROM jobs j USING merge_jobs m WHERE j.id = m.alias_id AND m.alias_id <> m.kept_id""");
        Merged merged = merged();
        execute(
                """
                DROP TABLE merge_datasets, merge_jobs, merge_edges, merge_changed_jobs, merge_dataset_versions,
                    merge_job_versions""");
        return merged;
    }

    /**
     * Locks the alias and canonical rows in the order ingestion upserts them: jobs, then datasets, each by namespace
     * and name.
     */
    private void lockRows() {
        for (String table : List.of("jobs", "datasets")) {
            lock(
                    """
                    SELECT id FROM %1$s
                    WHERE id IN (SELECT alias_id FROM merge_%1$s UNION SELECT kept_id FROM merge_%1$s)
                    ORDER BY namespace, name"""
                            .formatted(table));
        }
    }

    private void lock(String rows, Object... parameters) {
        count("SELECT count(*) FROM (" + rows + " FOR UPDATE) locked", parameters);
    }

    /**
     * Every edge of a job or dataset that moves (whether merged or renamed), with the ids of the rows it is to join:
     * read once, for the edges that move and for the jobs, by their canonical ids, whose edges changed. The graph knows
     * those jobs' edges by other names now, and their versions list the datasets that moved (versions are written
     * from the same events as edges, and edges are never deleted).
     */
    private void collectEdges() {
        execute(
                """
                CREATE TEMPORARY TABLE merge_edges ON COMMIT DROP AS
                SELECT e.job_id, e.dataset_id, e.direction, j.kept_id AS kept_job_id,
                    COALESCE(d.kept_id, e.dataset_id) AS kept_dataset_id
                FROM lineage_edges e JOIN merge_jobs j ON j.alias_id = e.job_id
                LEFT JOIN merge_datasets d ON d.alias_id = e.dataset_id
                UNION ALL
                SELECT e.job_id, e.dataset_id, e.direction, e.job_id, d.kept_id
                FROM lineage_edges e JOIN merge_datasets d ON d.alias_id = e.dataset_id
                WHERE NOT EXISTS (SELECT 1 FROM merge_jobs j WHERE j.alias_id = e.job_id);
                CREATE TEMPORARY TABLE merge_changed_jobs ON COMMIT DROP AS
                SELECT DISTINCT kept_job_id AS job_id FROM merge_edges;
                ANALYZE merge_edges, merge_changed_jobs""");
    }

    /**
     * Moves the versions of merged rows to the canonical row; a version whose hash the canonical row (or an earlier
     * alias of it) has is dropped. {@code versionMoves} maps each old version id to the one kept.
     */
    private void moveVersions(String versions, String owner, String hash, String moves, String versionMoves) {
        execute(
                """
                CREATE TEMPORARY TABLE %5$s ON COMMIT DROP AS
                SELECT v.id AS old_id, m.kept_id, COALESCE(c.id,
                    first_value(v.id) OVER (PARTITION BY m.kept_id, v.%3$s ORDER BY v.created_at, v.id)) AS new_id
                FROM %4$s m
                JOIN %1$s v ON v.%2$s = m.alias_id
                LEFT JOIN %1$s c ON c.%2$s = m.kept_id AND c.%3$s = v.%3$s
                WHERE m.alias_id <> m.kept_id;
                ALTER TABLE %5$s ADD PRIMARY KEY (old_id);
                ANALYZE %5$s;
                DELETE FROM %1$s v USING %5$s x WHERE v.id = x.old_id AND x.new_id <> x.old_id;
                UPDATE %1$s v SET %2$s = x.kept_id FROM %5$s x WHERE v.id = x.old_id AND x.new_id = x.old_id"""
                        .formatted(versions, owner, hash, moves, versionMoves));
    }

    /**
     * Folds each merged dataset row into its canonical row (the latest updated alias, when several move to one);
     * a canonical row the fold leaves as it is is not rewritten.
     */
    private void mergeDatasetRows() {
        execute(
                """
                UPDATE datasets d SET facets = n.facets, fields = n.fields, current_version = n.current_version,
                    source_name = n.source_name, created_at = n.created_at, updated_at = n.updated_at,
                    is_hidden = n.is_hidden
                FROM (
                    SELECT c.id,
                        CASE WHEN a.updated_at > c.updated_at THEN c.facets || a.facets
                            ELSE a.facets || c.facets END AS facets,
                        CASE WHEN a.current_version IS NOT NULL
                            AND (a.updated_at > c.updated_at OR c.current_version IS NULL) THEN a.fields
                            ELSE c.fields END AS fields,
                        CASE WHEN a.current_version IS NOT NULL
                            AND (a.updated_at > c.updated_at OR c.current_version IS NULL)
                            THEN COALESCE(x.new_id, a.current_version) ELSE c.current_version END AS current_version,
                        CASE WHEN a.updated_at > c.updated_at THEN COALESCE(a.source_name, c.source_name)
                            ELSE COALESCE(c.source_name, a.source_name) END AS source_name,
                        LEAST(c.created_at, a.created_at) AS created_at,
                        GREATEST(c.updated_at, a.updated_at) AS updated_at, c.is_hidden AND a.is_hidden AS is_hidden
                    FROM (
                        SELECT DISTINCT ON (m.kept_id) m.kept_id, d.facets, d.fields, d.current_version,
                            d.source_name, d.updated_at, min(d.created_at) OVER (PARTITION BY m.kept_id) AS created_at,
                            bool_and(d.is_hidden) OVER (PARTITION BY m.kept_id) AS is_hidden
                        FROM merge_datasets m JOIN datasets d ON d.id = m.alias_id
                        WHERE m.alias_id <> m.kept_id
                        ORDER BY m.kept_id, d.updated_at DESC, d.id) a
                    JOIN datasets c ON c.id = a.kept_id
                    LEFT JOIN merge_dataset_versions x ON x.old_id = a.current_version) n
                WHERE d.id = n.id
                    AND (d.facets, d.fields, d.current_version, d.source_name, d.created_at, d.updated_at, d.is_hidden)
                        IS DISTINCT FROM (n.facets, n.fields, n.current_version, n.source_name, n.created_at,
                            n.updated_at, n.is_hidden)""");
    }

    /** Folds each merged job row into its canonical row; a canonical row the fold leaves as it is is not rewritten. */
    private void mergeJobRows() {
        execute(
                """
                UPDATE jobs j SET facets = n.facets, type = n.type, current_version = n.current_version,
                    latest_run_id = n.latest_run_id, created_at = n.created_at, updated_at = n.updated_at,
                    is_hidden = n.is_hidden
                FROM (
                    SELECT c.id,
                        CASE WHEN a.updated_at > c.updated_at THEN c.facets || a.facets
                            ELSE a.facets || c.facets END AS facets,
                        CASE WHEN a.updated_at > c.updated_at THEN a.type ELSE c.type END AS type,
                        CASE WHEN a.current_version IS NOT NULL
                            AND (a.updated_at > c.updated_at OR c.current_version IS NULL)
                            THEN COALESCE(x.new_id, a.current_version) ELSE c.current_version END AS current_version,
                        CASE WHEN a.latest_run_id IS NOT NULL
                            AND (a.updated_at > c.updated_at OR c.latest_run_id IS NULL)
                            THEN a.latest_run_id ELSE c.latest_run_id END AS latest_run_id,
                        LEAST(c.created_at, a.created_at) AS created_at,
                        GREATEST(c.updated_at, a.updated_at) AS updated_at, c.is_hidden AND a.is_hidden AS is_hidden
                    FROM (
                        SELECT DISTINCT ON (m.kept_id) m.kept_id, j.facets, j.type, j.current_version,
                            j.latest_run_id, j.updated_at, min(j.created_at) OVER (PARTITION BY m.kept_id) AS created_at,
                            bool_and(j.is_hidden) OVER (PARTITION BY m.kept_id) AS is_hidden
                        FROM merge_jobs m JOIN jobs j ON j.id = m.alias_id
                        WHERE m.alias_id <> m.kept_id
                        ORDER BY m.kept_id, j.updated_at DESC, j.id) a
                    JOIN jobs c ON c.id = a.kept_id
                    LEFT JOIN merge_job_versions x ON x.old_id = a.current_version) n
                WHERE j.id = n.id
                    AND (j.facets, j.type, j.current_version, j.latest_run_id, j.created_at, j.updated_at, j.is_hidden)
                        IS DISTINCT FROM (n.facets, n.type, n.current_version, n.latest_run_id, n.created_at,
                            n.updated_at, n.is_hidden)""");
    }

    /**
     * Repoints the edges of merged jobs and datasets: an edge that meets an existing one is combined with it (seen
     * from the earlier first to the later last time, current if either is, the existing edge's source), which is
     * rewritten only when that changes it.
     */
    private void moveEdges() {
        execute(
                """
                WITH moved AS (
                    DELETE FROM lineage_edges e USING merge_edges m
                    WHERE e.job_id = m.job_id AND e.dataset_id = m.dataset_id AND e.direction = m.direction
                        AND (m.kept_job_id <> m.job_id OR m.kept_dataset_id <> m.dataset_id)
                    RETURNING m.kept_job_id, m.kept_dataset_id, e.direction, e.source, e.first_seen, e.last_seen,
                        e.is_current, e.retired_at)
                INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen, is_current,
                    retired_at)
                SELECT kept_job_id, kept_dataset_id, direction, (array_agg(source ORDER BY last_seen DESC))[1],
                    min(first_seen), max(last_seen), bool_or(is_current),
                    CASE WHEN bool_or(is_current) THEN NULL ELSE max(retired_at) END
                FROM moved GROUP BY kept_job_id, kept_dataset_id, direction
                ORDER BY kept_job_id, kept_dataset_id, direction
                ON CONFLICT (job_id, dataset_id, direction) DO UPDATE SET
                    first_seen = LEAST(lineage_edges.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(lineage_edges.last_seen, EXCLUDED.last_seen),
                    is_current = lineage_edges.is_current OR EXCLUDED.is_current,
                    retired_at = CASE WHEN lineage_edges.is_current OR EXCLUDED.is_current THEN NULL
                        ELSE GREATEST(lineage_edges.retired_at, EXCLUDED.retired_at) END
                WHERE EXCLUDED.first_seen < lineage_edges.first_seen OR EXCLUDED.last_seen > lineage_edges.last_seen
                    OR (EXCLUDED.is_current AND NOT lineage_edges.is_current)
                    OR (NOT lineage_edges.is_current AND EXCLUDED.retired_at > lineage_edges.retired_at)""");
    }

    /**
     * Repoints column lineage (both datasets and the job): a column edge that meets an existing one keeps the earlier
     * first and the later last time, and the existing one's description, job and source (rewritten only when that
     * changes it).
     */
    private void moveColumnLineage() {
        execute(
                """
                WITH by_output AS (
                    DELETE FROM column_lineage c USING merge_datasets m
                    WHERE c.output_dataset_id = m.alias_id AND m.alias_id <> m.kept_id
                    RETURNING c.*),
                by_input AS (
                    DELETE FROM column_lineage c USING merge_datasets m
                    WHERE c.input_dataset_id = m.alias_id AND m.alias_id <> m.kept_id
                        AND c.output_dataset_id NOT IN (SELECT alias_id FROM merge_datasets WHERE alias_id <> kept_id)
                    RETURNING c.*),
                by_job AS (
                    DELETE FROM column_lineage c USING merge_jobs m
                    WHERE c.job_id = m.alias_id AND m.alias_id <> m.kept_id
                        AND c.output_dataset_id NOT IN (SELECT alias_id FROM merge_datasets WHERE alias_id <> kept_id)
                        AND c.input_dataset_id NOT IN (SELECT alias_id FROM merge_datasets WHERE alias_id <> kept_id)
                    RETURNING c.*),
                moved AS (
                    SELECT COALESCE(o.kept_id, c.output_dataset_id) AS output_dataset_id, c.output_field,
                        COALESCE(i.kept_id, c.input_dataset_id) AS input_dataset_id, c.input_field, c.transformation,
                        c.subtype, c.description, COALESCE(j.kept_id, c.job_id) AS job_id, c.source, c.first_seen,
                        c.last_seen
                    FROM (SELECT * FROM by_output UNION ALL SELECT * FROM by_input UNION ALL SELECT * FROM by_job) c
                    LEFT JOIN merge_datasets o ON o.alias_id = c.output_dataset_id
                    LEFT JOIN merge_datasets i ON i.alias_id = c.input_dataset_id
                    LEFT JOIN merge_jobs j ON j.alias_id = c.job_id)
                INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field,
                    transformation, subtype, description, job_id, source, first_seen, last_seen)
                SELECT output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype,
                    (array_agg(description ORDER BY last_seen DESC))[1], (array_agg(job_id ORDER BY last_seen DESC))[1],
                    (array_agg(source ORDER BY last_seen DESC))[1], min(first_seen), max(last_seen)
                FROM moved
                GROUP BY output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype
                ORDER BY output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype
                ON CONFLICT (output_dataset_id, output_field, input_dataset_id, input_field, transformation, subtype)
                DO UPDATE SET first_seen = LEAST(column_lineage.first_seen, EXCLUDED.first_seen),
                    last_seen = GREATEST(column_lineage.last_seen, EXCLUDED.last_seen),
                    description = COALESCE(column_lineage.description, EXCLUDED.description),
                    job_id = COALESCE(column_lineage.job_id, EXCLUDED.job_id)
                WHERE EXCLUDED.first_seen < column_lineage.first_seen OR EXCLUDED.last_seen > column_lineage.last_seen
                    OR (column_lineage.description IS NULL AND EXCLUDED.description IS NOT NULL)
                    OR (column_lineage.job_id IS NULL AND EXCLUDED.job_id IS NOT NULL)""");
    }

    /** Moves the tags of merged datasets, fields and jobs; a tag the canonical row already has stays as it is. */
    private void moveTags() {
        execute(
                """
                WITH moved AS (
                    DELETE FROM dataset_tags t USING merge_datasets m
                    WHERE t.dataset_id = m.alias_id AND m.alias_id <> m.kept_id RETURNING m.kept_id, t.*)
                INSERT INTO dataset_tags (dataset_id, tag_name, tagged_at)
                SELECT kept_id, tag_name, min(tagged_at) FROM moved
                GROUP BY kept_id, tag_name ORDER BY kept_id, tag_name
                ON CONFLICT DO NOTHING;
                WITH moved AS (
                    DELETE FROM dataset_field_tags t USING merge_datasets m
                    WHERE t.dataset_id = m.alias_id AND m.alias_id <> m.kept_id RETURNING m.kept_id, t.*)
                INSERT INTO dataset_field_tags (dataset_id, field, tag_name, tagged_at)
                SELECT kept_id, field, tag_name, min(tagged_at) FROM moved
                GROUP BY kept_id, field, tag_name ORDER BY kept_id, field, tag_name
                ON CONFLICT DO NOTHING;
                WITH moved AS (
                    DELETE FROM job_tags t USING merge_jobs m
                    WHERE t.job_id = m.alias_id AND m.alias_id <> m.kept_id RETURNING m.kept_id, t.*)
                INSERT INTO job_tags (job_id, tag_name, tagged_at)
                SELECT kept_id, tag_name, min(tagged_at) FROM moved
                GROUP BY kept_id, tag_name ORDER BY kept_id, tag_name
                ON CONFLICT DO NOTHING""");
    }

    /**
     * Renames the moved datasets in the input and output lists of the changed jobs' versions, which stay without
     * duplicates and sorted as ingestion writes them (by namespace|name). Their hashes stay as they are.
     */
    private void renameVersionDatasets() {
        execute(
                """
                WITH elements AS (
                    SELECT v.id, l.list, m.alias_id IS NOT NULL AS moved,
                        CASE WHEN m.alias_id IS NULL THEN e.element
                            ELSE e.element || jsonb_build_object('namespace', m.to_namespace, 'name', m.to_name)
                        END AS element
                    FROM merge_changed_jobs j
                    JOIN job_versions v ON v.job_id = j.job_id
                    CROSS JOIN LATERAL (VALUES ('inputs', v.inputs), ('outputs', v.outputs)) AS l(list, elements)
                    CROSS JOIN LATERAL jsonb_array_elements(l.elements) AS e(element)
                    LEFT JOIN merge_datasets m
                        ON m.from_namespace = e.element ->> 'namespace' AND m.from_name = e.element ->> 'name'),
                distinct_elements AS (
                    SELECT id, list, element, bool_or(moved) AS moved FROM elements GROUP BY id, list, element),
                lists AS (
                    SELECT id,
                        jsonb_agg(element ORDER BY (element ->> 'namespace') || '|' || (element ->> 'name') COLLATE "C")
                            FILTER (WHERE list = 'inputs') AS inputs,
                        jsonb_agg(element ORDER BY (element ->> 'namespace') || '|' || (element ->> 'name') COLLATE "C")
                            FILTER (WHERE list = 'outputs') AS outputs
                    FROM distinct_elements GROUP BY id HAVING bool_or(moved))
                UPDATE job_versions v SET inputs = COALESCE(l.inputs, '[]'), outputs = COALESCE(l.outputs, '[]')
                FROM lists l WHERE v.id = l.id""");
    }

    private Merged merged() {
        int[] counts = new int[4];
        query(
                """
                SELECT count(*) FILTER (WHERE alias_id <> kept_id), count(*) FILTER (WHERE alias_id = kept_id),
                    (SELECT count(*) FILTER (WHERE alias_id <> kept_id) FROM merge_jobs),
                    (SELECT count(*) FILTER (WHERE alias_id = kept_id) FROM merge_jobs)
                FROM merge_datasets""",
                result -> {
                    for (int index = 0; index < counts.length; index++) {
                        counts[index] = result.getInt(index + 1);
                    }
                });
        Set<NodeId> changedJobs = new HashSet<>();
        query(
                "SELECT j.namespace, j.name FROM merge_changed_jobs c JOIN jobs j ON j.id = c.job_id",
                result -> changedJobs.add(NodeId.job(result.getString(1), result.getString(2))));
        Set<NodeId> removedNodes = new HashSet<>();
        query(
                """
                SELECT TRUE, from_namespace, from_name FROM merge_datasets
                UNION ALL SELECT FALSE, from_namespace, from_name FROM merge_jobs""",
                result -> removedNodes.add(
                        result.getBoolean(1)
                                ? NodeId.dataset(result.getString(2), result.getString(3))
                                : NodeId.job(result.getString(2), result.getString(3))));
        return new Merged(counts[0], counts[1], counts[2], counts[3], changedJobs, removedNodes);
    }

    @FunctionalInterface
    private interface RowConsumer {
        void accept(ResultSet result) throws SQLException;
    }

    private void execute(String sql, Object... parameters) {
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            statement.execute();
        } catch (SQLException exception) {
            throw new StoreException("identity merge failed", exception);
        }
    }

    private long count(String sql, Object... parameters) {
        long[] count = new long[1];
        query(sql, result -> count[0] = result.getLong(1), parameters);
        return count[0];
    }

    private void query(String sql, RowConsumer consumer, Object... parameters) {
        try (PreparedStatement statement = Statements.connection(dataSource).prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
                statement.setObject(index + 1, parameters[index]);
            }
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    consumer.accept(result);
                }
            }
        } catch (SQLException exception) {
            throw new StoreException("identity merge failed", exception);
        }
    }
}
