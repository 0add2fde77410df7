package lineage.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lineage.server.model.NodeId;
import lineage.server.store.IdentityMerges.DatasetMove;
import lineage.server.store.IdentityMerges.Merged;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link IdentityMerges} on real PostgreSQL: renamed and merged datasets and jobs, and every row that referenced an
 * alias moved, combined where it meets the canonical row's own; a second merge changes nothing; a namespace of 20,000
 * datasets merges in seconds.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IdentityMergesIT implements TestPropertyProvider {
    private static final String ALIAS = "trino://127.0.0.1:8085";
    private static final String CANONICAL = "trino://localhost:8085";
    private static final String OTHER = "postgres://db:5432";
    /** The datasets of the sizable case's alias namespace. */
    private static final int DATASETS = 20_000;

    private static final OffsetDateTime START = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private final Map<String, String> properties = TestingDatabase.properties();

    @Inject
    IdentityMerges merges;

    @Override
    public Map<String, String> getProperties() {
        return properties;
    }

    @BeforeEach
    void emptyTables() {
        execute(
                """
                TRUNCATE column_lineage, lineage_edges, runs, job_versions, dataset_versions, dataset_tags,
                    dataset_field_tags, job_tags, tags, datasets, jobs, namespaces""");
        for (String namespace : List.of(ALIAS, CANONICAL, OTHER)) {
            namespace(namespace, 1, 1);
        }
    }

    @Test
    void renamesWhatOnlyTheAliasHasAndMergesTheRest() {
        execute("UPDATE namespaces SET owner_name = 'alias owner', created_at = ? WHERE name = ?", at(0), ALIAS);
        long aliasBoth = dataset(ALIAS, "cat.s.both", 1);
        long aliasOnly = dataset(ALIAS, "cat.s.only_alias", 1);
        long canonicalBoth = dataset(CANONICAL, "cat.s.both", 2);
        long canonicalOnlyTable = dataset(CANONICAL, "cat.s.only_canonical", 2);
        long otherTable = dataset(OTHER, "public.t", 1);
        long aliasJob = job(ALIAS, "job_both", 1);
        long aliasOnlyJob = job(ALIAS, "job_only_alias", 1);
        long canonicalJob = job(CANONICAL, "job_both", 2);
        long readsAlias = job(OTHER, "reads_alias", 1);
        long untouched = job(OTHER, "untouched", 1);
        long canonicalOnly = job(CANONICAL, "canonical_only", 1);
        edge(aliasJob, aliasBoth, "INPUT", 1, 2, null);
        edge(aliasOnlyJob, aliasOnly, "OUTPUT", 1, 2, null);
        edge(readsAlias, aliasBoth, "INPUT", 1, 2, null);
        edge(untouched, otherTable, "INPUT", 1, 2, null);
        edge(canonicalOnly, canonicalBoth, "OUTPUT", 1, 2, null);

        Merged merged = merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(merged)
                .isEqualTo(new Merged(
                        1,
                        1,
                        1,
                        1,
                        Set.of(
                                NodeId.job(CANONICAL, "job_both"),
                                NodeId.job(CANONICAL, "job_only_alias"),
                                NodeId.job(OTHER, "reads_alias")),
                        Set.of(
                                NodeId.dataset(ALIAS, "cat.s.both"),
                                NodeId.dataset(ALIAS, "cat.s.only_alias"),
                                NodeId.job(ALIAS, "job_both"),
                                NodeId.job(ALIAS, "job_only_alias"))));
        assertThat(rows("SELECT id, namespace, name, domain FROM datasets ORDER BY namespace, name"))
                .containsExactly(
                        otherTable + "|" + OTHER + "|public.t|null",
                        canonicalBoth + "|" + CANONICAL + "|cat.s.both|cat",
                        aliasOnly + "|" + CANONICAL + "|cat.s.only_alias|cat",
                        canonicalOnlyTable + "|" + CANONICAL + "|cat.s.only_canonical|cat");
        assertThat(rows("SELECT id, namespace, name FROM jobs WHERE namespace = ? ORDER BY name", CANONICAL))
                .containsExactly(
                        canonicalOnly + "|" + CANONICAL + "|canonical_only",
                        canonicalJob + "|" + CANONICAL + "|job_both",
                        aliasOnlyJob + "|" + CANONICAL + "|job_only_alias");
        assertThat(rows("SELECT name, owner_name, created_at FROM namespaces ORDER BY name"))
                .containsExactly(OTHER + "|null|" + time(1), CANONICAL + "|alias owner|" + time(0));
        assertThat(rows("SELECT job_id, dataset_id, direction FROM lineage_edges ORDER BY job_id, direction"))
                .containsExactly(
                        aliasOnlyJob + "|" + aliasOnly + "|OUTPUT",
                        canonicalJob + "|" + canonicalBoth + "|INPUT",
                        readsAlias + "|" + canonicalBoth + "|INPUT",
                        untouched + "|" + otherTable + "|INPUT",
                        canonicalOnly + "|" + canonicalBoth + "|OUTPUT");
    }

    @Test
    void mergesANamespaceThatSortsAfterItsCanonicalOne() {
        // Here the canonical namespace's rows are locked first (they come first by name, as ingestion locks them).
        String alias = "trino://zz:8085";
        String canonical = "trino://aa:8085";
        namespace(alias, 1, 1);
        namespace(canonical, 1, 1);
        long aliasBoth = dataset(alias, "cat.s.both", 2);
        long aliasOnly = dataset(alias, "cat.s.only_alias", 1);
        long canonicalBoth = dataset(canonical, "cat.s.both", 1);
        long aliasJob = job(alias, "job", 2);
        long canonicalJob = job(canonical, "job", 1);
        long aliasOnlyJob = job(alias, "job_only_alias", 1);
        edge(aliasJob, aliasBoth, "INPUT", 1, 3, null);
        edge(aliasJob, aliasOnly, "OUTPUT", 1, 3, null);
        edge(canonicalJob, canonicalBoth, "INPUT", 2, 2, 2);
        edge(aliasOnlyJob, aliasBoth, "OUTPUT", 1, 2, null);

        Merged merged = merges.mergeNamespace(alias, canonical);

        assertThat(List.of(
                        merged.datasetsMerged(), merged.datasetsRenamed(), merged.jobsMerged(), merged.jobsRenamed()))
                .containsExactly(1, 1, 1, 1);
        assertThat(rows("SELECT id, namespace, name, updated_at FROM datasets ORDER BY name"))
                .containsExactly(
                        canonicalBoth + "|" + canonical + "|cat.s.both|" + time(2),
                        aliasOnly + "|" + canonical + "|cat.s.only_alias|" + time(1));
        assertThat(rows("SELECT id, namespace, name FROM jobs ORDER BY name"))
                .containsExactly(
                        canonicalJob + "|" + canonical + "|job", aliasOnlyJob + "|" + canonical + "|job_only_alias");
        assertThat(
                        rows(
                                """
                        SELECT job_id, dataset_id, direction, first_seen, last_seen, is_current FROM lineage_edges
                        ORDER BY job_id, direction"""))
                .containsExactly(
                        canonicalJob + "|" + canonicalBoth + "|INPUT|" + time(1) + "|" + time(3) + "|t",
                        canonicalJob + "|" + aliasOnly + "|OUTPUT|" + time(1) + "|" + time(3) + "|t",
                        aliasOnlyJob + "|" + canonicalBoth + "|OUTPUT|" + time(1) + "|" + time(2) + "|t");
        assertThat(rows("SELECT name FROM namespaces WHERE name = ?", alias)).isEmpty();
    }

    @Test
    void leavesTheRowsAMergeDoesNotChangeAsTheyWere() {
        // The canonical rows were updated later and already hold everything of their aliases.
        long canonicalTable = dataset(CANONICAL, "cat.s.t", 5);
        long aliasTable = dataset(ALIAS, "cat.s.t", 2);
        long canonicalJob = job(CANONICAL, "job", 5);
        long aliasJob = job(ALIAS, "job", 2);
        edge(canonicalJob, canonicalTable, "INPUT", 1, 5, null);
        edge(aliasJob, aliasTable, "INPUT", 2, 4, null);
        columnEdge(canonicalTable, "a", canonicalTable, "b", "kept", canonicalJob, "sql", 1, 5);
        columnEdge(aliasTable, "a", aliasTable, "b", null, aliasJob, "openlineage", 2, 3);
        // This pair's alias was updated later: its canonical row changes.
        dataset(ALIAS, "cat.s.later", 6);
        long earlierCanonical = dataset(CANONICAL, "cat.s.later", 3);
        String unchanged =
                """
                SELECT (SELECT xmin FROM datasets WHERE id = %d), (SELECT xmin FROM jobs WHERE id = %d),
                    (SELECT xmin FROM lineage_edges WHERE job_id = %d),
                    (SELECT xmin FROM column_lineage WHERE output_dataset_id = %d)"""
                        .formatted(canonicalTable, canonicalJob, canonicalJob, canonicalTable);
        List<String> before = rows(unchanged);
        String changed = "SELECT xmin FROM datasets WHERE id = " + earlierCanonical;
        List<String> changedBefore = rows(changed);

        merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(rows(unchanged)).isEqualTo(before);
        assertThat(rows(changed)).isNotEqualTo(changedBefore);
        assertThat(rows("SELECT id, updated_at FROM datasets ORDER BY id"))
                .containsExactly(canonicalTable + "|" + time(5), earlierCanonical + "|" + time(6));
        assertThat(rows("SELECT job_id, dataset_id, first_seen, last_seen FROM lineage_edges"))
                .containsExactly(canonicalJob + "|" + canonicalTable + "|" + time(1) + "|" + time(5));
        assertThat(rows("SELECT output_dataset_id, description, job_id, first_seen, last_seen FROM column_lineage"))
                .containsExactly(canonicalTable + "|kept|" + canonicalJob + "|" + time(1) + "|" + time(5));
    }

    @Test
    void everyForeignKeyToDatasetsAndJobsRestrictsDeletes() {
        // A merge deletes a dataset or job once nothing references it; RESTRICT checks that with one query, NO ACTION
        // with two (V12).
        assertThat(
                        rows(
                                """
                        SELECT conrelid::regclass::text || '.' || conname, confdeltype FROM pg_constraint
                        WHERE contype = 'f' AND confrelid IN ('datasets'::regclass, 'jobs'::regclass)
                        ORDER BY 1"""))
                .hasSize(11)
                .allSatisfy(row -> assertThat(row).endsWith("|r"));
    }

    @Test
    void combinesEdgesThatMeet() {
        long aliasJob = job(ALIAS, "job", 1);
        long canonicalJob = job(CANONICAL, "job", 1);
        long aliasTable = dataset(ALIAS, "cat.s.t", 1);
        long canonicalTable = dataset(CANONICAL, "cat.s.t", 1);
        long otherTable = dataset(OTHER, "public.o", 1);
        // A retired canonical edge meets a current alias edge: current, seen from the earlier to the later time.
        edge(canonicalJob, canonicalTable, "INPUT", "sql", 2, 5, 6);
        edge(aliasJob, aliasTable, "INPUT", "openlineage", 1, 4, null);
        // Three retired edges become one: retired at the latest retirement.
        edge(canonicalJob, canonicalTable, "OUTPUT", "trino", 1, 3, 3);
        edge(aliasJob, canonicalTable, "OUTPUT", "openlineage", 2, 7, 8);
        edge(canonicalJob, aliasTable, "OUTPUT", "openlineage", 0, 2, 2);
        // An alias edge that meets none moves as it is.
        edge(aliasJob, otherTable, "INPUT", "sql", 3, 4, 4);

        merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(
                        rows(
                                """
                        SELECT job_id, dataset_id, direction, source, first_seen, last_seen, is_current, retired_at
                        FROM lineage_edges ORDER BY dataset_id, direction"""))
                .containsExactly(
                        edgeRow(canonicalJob, canonicalTable, "INPUT", "sql", 1, 5, null),
                        edgeRow(canonicalJob, canonicalTable, "OUTPUT", "trino", 0, 7, 8),
                        edgeRow(canonicalJob, otherTable, "INPUT", "sql", 3, 4, 4));
    }

    @Test
    void combinesColumnLineageThatMeets() {
        long aliasJob = job(ALIAS, "job", 1);
        long canonicalJob = job(CANONICAL, "job", 1);
        long aliasIn = dataset(ALIAS, "cat.s.in", 1);
        long aliasOut = dataset(ALIAS, "cat.s.out", 1);
        long canonicalIn = dataset(CANONICAL, "cat.s.in", 1);
        long canonicalOut = dataset(CANONICAL, "cat.s.out", 1);
        long otherIn = dataset(OTHER, "public.in", 1);
        long otherOut = dataset(OTHER, "public.out", 1);
        columnEdge(canonicalOut, "a", canonicalIn, "x", "canonical", canonicalJob, "sql", 3, 4);
        columnEdge(aliasOut, "a", aliasIn, "x", "alias", aliasJob, "openlineage", 1, 6);
        columnEdge(canonicalOut, "a", aliasIn, "x", null, null, "openlineage", 2, 5);
        columnEdge(aliasOut, "b", canonicalIn, "y", null, aliasJob, "openlineage", 1, 2);
        columnEdge(otherOut, "c", otherIn, "z", null, aliasJob, "openlineage", 1, 2);

        merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(
                        rows(
                                """
                        SELECT output_dataset_id, output_field, input_dataset_id, input_field, description, job_id,
                            source, first_seen, last_seen
                        FROM column_lineage ORDER BY output_dataset_id, output_field"""))
                .containsExactly(
                        "%d|a|%d|x|canonical|%d|sql|%s|%s"
                                .formatted(canonicalOut, canonicalIn, canonicalJob, time(1), time(6)),
                        "%d|b|%d|y|null|%d|openlineage|%s|%s"
                                .formatted(canonicalOut, canonicalIn, canonicalJob, time(1), time(2)),
                        "%d|c|%d|z|null|%d|openlineage|%s|%s"
                                .formatted(otherOut, otherIn, canonicalJob, time(1), time(2)));
    }

    @Test
    void dropsDuplicateDatasetVersionsAndTakesTheLaterUpdatedFields() {
        long canonical = dataset(CANONICAL, "cat.s.t", 2);
        long alias = dataset(ALIAS, "cat.s.t", 5);
        UUID canonicalFirst = datasetVersion(canonical, "h1", 1);
        UUID canonicalSecond = datasetVersion(canonical, "h2", 2);
        UUID aliasDuplicate = datasetVersion(alias, "h1", 1);
        UUID aliasOwn = datasetVersion(alias, "h3", 3);
        execute(
                "UPDATE datasets SET current_version = ?, fields = '[{\"name\": \"c\"}]' WHERE id = ?",
                canonicalSecond,
                canonical);
        execute(
                """
                UPDATE datasets SET current_version = ?, fields = '[{"name": "a"}]', facets = '{"x": 1, "y": 1}'
                WHERE id = ?""",
                aliasDuplicate,
                alias);
        execute("UPDATE datasets SET facets = '{\"x\": 0, \"z\": 0}' WHERE id = ?", canonical);
        // A pair where the canonical row is the later one: it keeps its own current version.
        long laterCanonical = dataset(CANONICAL, "cat.s.later", 5);
        long earlierAlias = dataset(ALIAS, "cat.s.later", 2);
        UUID kept = datasetVersion(laterCanonical, "k", 1);
        UUID older = datasetVersion(earlierAlias, "o", 1);
        execute("UPDATE datasets SET current_version = ? WHERE id = ?", kept, laterCanonical);
        execute("UPDATE datasets SET current_version = ? WHERE id = ?", older, earlierAlias);

        merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(rows("SELECT id, dataset_id FROM dataset_versions ORDER BY fields_hash"))
                .containsExactly(
                        canonicalFirst + "|" + canonical,
                        canonicalSecond + "|" + canonical,
                        aliasOwn + "|" + canonical,
                        kept + "|" + laterCanonical,
                        older + "|" + laterCanonical);
        assertThat(rows("SELECT id, current_version, fields, facets, updated_at FROM datasets ORDER BY id"))
                .containsExactly(
                        "%d|%s|[{\"name\": \"a\"}]|{\"x\": 1, \"y\": 1, \"z\": 0}|%s"
                                .formatted(canonical, canonicalFirst, time(5)),
                        "%d|%s|[]|{}|%s".formatted(laterCanonical, kept, time(5)));
    }

    @Test
    void dropsDuplicateJobVersionsAndMovesRuns() {
        long canonical = job(CANONICAL, "job", 2);
        long alias = job(ALIAS, "job", 5);
        UUID canonicalVersion = jobVersion(canonical, "k1", "[]", "[]");
        UUID aliasDuplicate = jobVersion(alias, "k1", "[]", "[]");
        UUID aliasOwn = jobVersion(alias, "k2", "[]", "[]");
        UUID canonicalRun = run(canonical, canonicalVersion);
        UUID aliasRun = run(alias, aliasDuplicate);
        UUID aliasOwnRun = run(alias, aliasOwn);
        execute(
                "UPDATE jobs SET current_version = ?, latest_run_id = ? WHERE id = ?",
                canonicalVersion,
                canonicalRun,
                canonical);
        execute("UPDATE jobs SET current_version = ?, latest_run_id = ? WHERE id = ?", aliasDuplicate, aliasRun, alias);

        merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(rows("SELECT id, job_id FROM job_versions ORDER BY version_hash"))
                .containsExactly(canonicalVersion + "|" + canonical, aliasOwn + "|" + canonical);
        assertThat(rows("SELECT id, job_id, job_version FROM runs"))
                .containsExactlyInAnyOrder(
                        canonicalRun + "|" + canonical + "|" + canonicalVersion,
                        aliasRun + "|" + canonical + "|" + canonicalVersion,
                        aliasOwnRun + "|" + canonical + "|" + aliasOwn);
        assertThat(rows("SELECT id, current_version, latest_run_id, updated_at FROM jobs"))
                .containsExactly(canonical + "|" + canonicalVersion + "|" + aliasRun + "|" + time(5));
    }

    @Test
    void movesTagsKeepingOneOfEach() {
        long canonical = dataset(CANONICAL, "cat.s.t", 1);
        long alias = dataset(ALIAS, "cat.s.t", 1);
        long canonicalJob = job(CANONICAL, "job", 1);
        long aliasJob = job(ALIAS, "job", 1);
        execute("INSERT INTO tags (name) VALUES ('pii'), ('gold')");
        execute(
                "INSERT INTO dataset_tags (dataset_id, tag_name) VALUES (?, 'pii'), (?, 'pii'), (?, 'gold')",
                canonical,
                alias,
                alias);
        execute(
                "INSERT INTO dataset_field_tags (dataset_id, field, tag_name) VALUES (?, 'f', 'pii'), (?, 'f', 'pii'),"
                        + " (?, 'g', 'gold')",
                canonical,
                alias,
                alias);
        execute("INSERT INTO job_tags (job_id, tag_name) VALUES (?, 'gold'), (?, 'pii')", canonicalJob, aliasJob);

        merges.mergeNamespace(ALIAS, CANONICAL);

        assertThat(rows("SELECT dataset_id, tag_name FROM dataset_tags ORDER BY tag_name"))
                .containsExactly(canonical + "|gold", canonical + "|pii");
        assertThat(rows("SELECT dataset_id, field, tag_name FROM dataset_field_tags ORDER BY field"))
                .containsExactly(canonical + "|f|pii", canonical + "|g|gold");
        assertThat(rows("SELECT job_id, tag_name FROM job_tags ORDER BY tag_name"))
                .containsExactly(canonicalJob + "|gold", canonicalJob + "|pii");
    }

    @Test
    void rewritesTheDatasetsThatJobVersionsList() {
        long orders = dataset(OTHER, "public.orders", 1);
        long trinoOrders = dataset(CANONICAL, "pg.public.orders", 1);
        long report = dataset(OTHER, "public.report", 1);
        long job = job(OTHER, "etl", 1);
        edge(job, orders, "INPUT", 1, 2, null);
        edge(job, trinoOrders, "INPUT", 1, 2, null);
        edge(job, report, "OUTPUT", 1, 2, null);
        UUID version = jobVersion(
                job,
                "v",
                "[{\"namespace\": \"%s\", \"name\": \"public.orders\"},".formatted(OTHER)
                        + " {\"namespace\": \"%s\", \"name\": \"pg.public.orders\"}]".formatted(CANONICAL),
                "[{\"namespace\": \"%s\", \"name\": \"public.report\"}]".formatted(OTHER));

        Merged merged = merges.mergeDatasets(List.of(
                new DatasetMove(NodeId.dataset(OTHER, "public.orders"), NodeId.dataset(CANONICAL, "pg.public.orders")),
                new DatasetMove(
                        NodeId.dataset(OTHER, "public.report"),
                        NodeId.dataset("trino://new:8080", "pg.public.report"))));

        assertThat(merged)
                .isEqualTo(new Merged(
                        1,
                        1,
                        0,
                        0,
                        Set.of(NodeId.job(OTHER, "etl")),
                        Set.of(NodeId.dataset(OTHER, "public.orders"), NodeId.dataset(OTHER, "public.report"))));
        assertThat(rows("SELECT inputs, outputs FROM job_versions WHERE id = ?", version))
                .containsExactly("[{\"name\": \"pg.public.orders\", \"namespace\": \"%s\"}]".formatted(CANONICAL)
                        + "|[{\"name\": \"pg.public.report\", \"namespace\": \"trino://new:8080\"}]");
        assertThat(rows("SELECT name FROM namespaces WHERE name = 'trino://new:8080'"))
                .containsExactly("trino://new:8080");
        assertThat(rows("SELECT job_id, dataset_id, direction FROM lineage_edges ORDER BY direction"))
                .containsExactly(job + "|" + trinoOrders + "|INPUT", job + "|" + report + "|OUTPUT");
    }

    @Test
    void mergesSeveralDatasetsIntoOneThatDoesNotExist() {
        long first = dataset(OTHER, "a", 1);
        long second = dataset(ALIAS, "cat.s.a", 2);
        long job = job(OTHER, "etl", 1);
        edge(job, first, "INPUT", 1, 2, null);
        edge(job, second, "INPUT", 3, 4, 4);

        Merged merged = merges.mergeDatasets(List.of(
                new DatasetMove(NodeId.dataset(ALIAS, "cat.s.a"), NodeId.dataset(CANONICAL, "cat.s.a")),
                new DatasetMove(NodeId.dataset(OTHER, "a"), NodeId.dataset(CANONICAL, "cat.s.a"))));

        assertThat(merged.datasetsRenamed()).isEqualTo(1);
        assertThat(merged.datasetsMerged()).isEqualTo(1);
        assertThat(rows("SELECT id, namespace, name, created_at, updated_at FROM datasets"))
                .containsExactly(first + "|" + CANONICAL + "|cat.s.a|" + time(1) + "|" + time(2));
        assertThat(rows("SELECT job_id, dataset_id, first_seen, last_seen, is_current FROM lineage_edges"))
                .containsExactly(job + "|" + first + "|" + time(1) + "|" + time(4) + "|t");
    }

    @Test
    void aSecondMergeChangesNothing() {
        long aliasJob = job(ALIAS, "job", 1);
        long aliasTable = dataset(ALIAS, "cat.s.t", 1);
        long canonicalTable = dataset(CANONICAL, "cat.s.t", 2);
        job(CANONICAL, "job", 2);
        edge(aliasJob, aliasTable, "INPUT", 1, 2, null);
        edge(aliasJob, canonicalTable, "OUTPUT", 1, 2, null);
        datasetVersion(aliasTable, "h", 1);
        jobVersion(aliasJob, "v", "[{\"namespace\": \"%s\", \"name\": \"cat.s.t\"}]".formatted(ALIAS), "[]");
        run(aliasJob, null);
        List<DatasetMove> moves =
                List.of(new DatasetMove(NodeId.dataset(OTHER, "public.t"), NodeId.dataset(CANONICAL, "cat.s.t")));
        dataset(OTHER, "public.t", 1);
        merges.mergeNamespace(ALIAS, CANONICAL);
        merges.mergeDatasets(moves);
        List<String> before = everyRow();

        assertThat(merges.mergeNamespace(ALIAS, CANONICAL)).isEqualTo(new Merged(0, 0, 0, 0, Set.of(), Set.of()));
        assertThat(merges.mergeDatasets(moves)).isEqualTo(new Merged(0, 0, 0, 0, Set.of(), Set.of()));
        assertThat(everyRow()).isEqualTo(before);
    }

    @Test
    void refusesMovesThatNameNoDatasetOrChain() {
        NodeId table = NodeId.dataset(OTHER, "t");
        NodeId canonical = NodeId.dataset(CANONICAL, "cat.s.t");
        assertThatThrownBy(() -> new DatasetMove(NodeId.job(OTHER, "t"), canonical))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a dataset move names two datasets: job:postgres://db:5432:t -> dataset:"
                        + canonical.namespace() + ":cat.s.t");
        assertThatThrownBy(() -> new DatasetMove(table, table))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a dataset cannot move onto itself: dataset:postgres://db:5432:t");
        assertThatThrownBy(() -> merges.mergeDatasets(
                        List.of(new DatasetMove(table, canonical), new DatasetMove(table, NodeId.dataset(OTHER, "u")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset dataset:postgres://db:5432:t moves twice");
        assertThatThrownBy(() -> merges.mergeDatasets(List.of(
                        new DatasetMove(table, canonical), new DatasetMove(canonical, NodeId.dataset(OTHER, "u")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dataset " + canonical + " both moves and is moved onto");
        assertThatThrownBy(() -> merges.mergeNamespace(ALIAS, ALIAS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("namespace 'trino://127.0.0.1:8085' cannot merge into itself");
    }

    @Test
    void waitsForADatasetBeingCreatedInTheCanonicalNamespace() throws Exception {
        long aliasTable = dataset(ALIAS, "cat.s.new", 1);
        long aliasOnly = dataset(ALIAS, "cat.s.only_alias", 1);
        try (Connection ingestion = connect()) {
            // Ingestion creates the table under its canonical name and has not committed when the merge starts.
            ingestion.setAutoCommit(false);
            long created = insertDataset(ingestion, CANONICAL, "cat.s.new");
            CompletableFuture<Merged> merge =
                    CompletableFuture.supplyAsync(() -> merges.mergeNamespace(ALIAS, CANONICAL));
            awaitWaitingForALock(merge);
            ingestion.commit();

            Merged merged = merge.get(1, TimeUnit.MINUTES);

            assertThat(List.of(merged.datasetsMerged(), merged.datasetsRenamed()))
                    .containsExactly(1, 1);
            assertThat(rows("SELECT id, namespace, name FROM datasets ORDER BY name"))
                    .containsExactly(
                            created + "|" + CANONICAL + "|cat.s.new",
                            aliasOnly + "|" + CANONICAL + "|cat.s.only_alias");
            assertThat(aliasTable).isNotEqualTo(created);
        }
    }

    @Test
    void waitsForADatasetBeingCreatedWhereADatasetMoves() throws Exception {
        dataset(OTHER, "public.t", 1);
        try (Connection ingestion = connect()) {
            ingestion.setAutoCommit(false);
            long created = insertDataset(ingestion, CANONICAL, "cat.s.t");
            CompletableFuture<Merged> merge = CompletableFuture.supplyAsync(() -> merges.mergeDatasets(
                    List.of(new DatasetMove(NodeId.dataset(OTHER, "public.t"), NodeId.dataset(CANONICAL, "cat.s.t")))));
            awaitWaitingForALock(merge);
            ingestion.commit();

            Merged merged = merge.get(1, TimeUnit.MINUTES);

            assertThat(List.of(merged.datasetsMerged(), merged.datasetsRenamed()))
                    .containsExactly(1, 0);
            assertThat(rows("SELECT id, namespace, name FROM datasets"))
                    .containsExactly(created + "|" + CANONICAL + "|cat.s.t");
        }
    }

    @Test
    void waitsForAWriteThatLockedTheNamespaceInsteadOfDeadlockingWithIt() throws Exception {
        long canonicalTable = dataset(CANONICAL, "cat.s.t", 1);
        dataset(ALIAS, "cat.s.t", 2);
        try (Connection ingestion = connect()) {
            ingestion.setAutoCommit(false);
            // As ingestion writes (NamespaceLocks.share, before any row): the namespace's shared lock, then a row.
            try (PreparedStatement lock =
                    ingestion.prepareStatement("SELECT pg_advisory_xact_lock_shared(19, hashtext(?))")) {
                lock.setString(1, CANONICAL);
                lock.execute();
            }
            try (PreparedStatement update =
                    ingestion.prepareStatement("UPDATE datasets SET updated_at = now() WHERE id = ?")) {
                update.setLong(1, canonicalTable);
                update.execute();
            }
            CompletableFuture<Merged> merge =
                    CompletableFuture.supplyAsync(() -> merges.mergeNamespace(ALIAS, CANONICAL));
            awaitWaitingForALock(merge);
            // The write goes on to create a dataset in the canonical namespace. Had the merge locked the namespace
            // row and then waited for the row above, this would have deadlocked with it.
            long created = insertDataset(ingestion, CANONICAL, "cat.s.new");
            ingestion.commit();

            Merged merged = merge.get(1, TimeUnit.MINUTES);

            assertThat(merged.datasetsMerged()).isEqualTo(1);
            assertThat(rows("SELECT id, name FROM datasets ORDER BY name"))
                    .containsExactly(created + "|cat.s.new", canonicalTable + "|cat.s.t");
        }
    }

    private static long insertDataset(Connection connection, String namespace, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO datasets (namespace, name, created_at, updated_at) VALUES (?, ?, now(), now())"
                        + " RETURNING id")) {
            statement.setString(1, namespace);
            statement.setString(2, name);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** Polls until a backend of this database waits for a lock (the merge, for the uncommitted insert), or fails. */
    private void awaitWaitingForALock(CompletableFuture<Merged> merge) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rows("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND wait_event_type = 'Lock'""")
                .get(0)
                .equals("0")) {
            assertThat(merge).as("the merge ended without waiting").isNotDone();
            assertThat(System.nanoTime())
                    .as("no backend waited for a lock within 30 s")
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /**
     * {@link #DATASETS} datasets and a fifth as many jobs in the alias namespace, half of each also in the canonical
     * one; each alias job reads 5 and writes 5 alias datasets, and each canonical dataset has an edge that meets one of
     * those; a version of each dataset and job, a run of each job, and column lineage for a fifth of the datasets.
     */
    @Test
    void mergesALargeNamespaceInSeconds() {
        int jobs = DATASETS / 5;
        execute(
                """
                INSERT INTO datasets (namespace, name, created_at, updated_at)
                SELECT namespace, 'cat.s.t' || i, now(), now()
                FROM generate_series(0, ? - 1) i, unnest(ARRAY[?, ?]) namespace WHERE namespace = ? OR i % 2 = 0;
                INSERT INTO jobs (namespace, name, created_at, updated_at)
                SELECT namespace, 'job' || i, now(), now()
                FROM generate_series(0, ? - 1) i, unnest(ARRAY[?, ?]) namespace WHERE namespace = ? OR i % 2 = 0""",
                DATASETS, ALIAS, CANONICAL, ALIAS, jobs, ALIAS, CANONICAL, ALIAS);
        execute(
                """
                INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen)
                SELECT j.id, d.id, CASE WHEN g < ? THEN 'INPUT' ELSE 'OUTPUT' END, 'openlineage', now(), now()
                FROM generate_series(0, 2 * ? - 1) g
                JOIN jobs j ON j.namespace = ? AND j.name = 'job' || (g % ?)
                JOIN datasets d ON d.namespace = ? AND d.name = 'cat.s.t' || (g % ?)
                UNION ALL
                SELECT j.id, d.id, 'INPUT', 'sql', now(), now()
                FROM generate_series(0, ? - 1) g
                JOIN jobs j ON j.namespace = ? AND j.name = 'job' || (g % ?)
                JOIN datasets d ON d.namespace = ? AND d.name = 'cat.s.t' || g""",
                DATASETS, DATASETS, ALIAS, jobs, ALIAS, DATASETS, DATASETS, CANONICAL, jobs, CANONICAL);
        execute(
                """
                INSERT INTO dataset_versions (id, dataset_id, fields_hash, fields, created_at)
                SELECT gen_random_uuid(), id, 'h' || (id % 3), '[]', now() FROM datasets;
                INSERT INTO job_versions (id, job_id, version_hash, inputs, outputs, created_at)
                SELECT gen_random_uuid(), id, 'v' || (id % 3), jsonb_build_array(jsonb_build_object(
                    'namespace', namespace, 'name', 'cat.s.t' || substring(name, 4))), '[]', now()
                FROM jobs;
                INSERT INTO runs (id, job_id, state, last_event_time, created_at, updated_at)
                SELECT gen_random_uuid(), id, 'COMPLETED', now(), now(), now() FROM jobs;
                INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field,
                    transformation, subtype, job_id, source, first_seen, last_seen)
                SELECT dataset_id, 'a', dataset_id, 'b', 'DIRECT', 'IDENTITY', job_id, 'openlineage', now(), now()
                FROM lineage_edges WHERE direction = 'OUTPUT' AND dataset_id % 5 = 0;
                ANALYZE namespaces, datasets, jobs, lineage_edges, column_lineage, runs, job_versions,
                    dataset_versions""");
        String edges = rows("SELECT count(*) FROM lineage_edges").get(0);

        long started = System.nanoTime();
        Merged merged = merges.mergeNamespace(ALIAS, CANONICAL);
        long millis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf(
                "IdentityMergesIT: merged a namespace of %,d datasets, %,d jobs and %s edges in %,d ms%n",
                DATASETS, jobs, edges, millis);
        assertThat(List.of(
                        merged.datasetsMerged(), merged.datasetsRenamed(), merged.jobsMerged(), merged.jobsRenamed()))
                .containsExactly(DATASETS / 2, DATASETS / 2, jobs / 2, jobs / 2);
        assertThat(merged.changedJobs()).hasSize(jobs);
        assertThat(merged.removedNodes()).hasSize(DATASETS + jobs);
        assertThat(rows(
                        """
                        SELECT (SELECT count(*) FROM datasets WHERE namespace = ?),
                            (SELECT count(*) FROM jobs WHERE namespace = ?), (SELECT count(*) FROM lineage_edges),
                            (SELECT count(*) FROM namespaces WHERE name = ?),
                            (SELECT count(*) FROM job_versions WHERE inputs::text LIKE '%127.0.0.1%')""",
                        CANONICAL, CANONICAL, ALIAS))
                .containsExactly(DATASETS + "|" + jobs + "|" + 2 * DATASETS + "|0|0");
        // A minute bounds a plan gone wrong (a loaded machine is slower); the time to look at is the printed one.
        assertThat(millis).isLessThan(60_000);
    }

    /** Every row of the tables a merge writes, as text. */
    private List<String> everyRow() {
        List<String> rows = new ArrayList<>();
        for (String table : List.of(
                "namespaces",
                "datasets",
                "dataset_versions",
                "jobs",
                "job_versions",
                "runs",
                "lineage_edges",
                "column_lineage",
                "dataset_tags",
                "dataset_field_tags",
                "job_tags")) {
            rows.addAll(rows("SELECT t::text FROM " + table + " t ORDER BY t::text"));
        }
        return rows;
    }

    private void namespace(String name, int created, int updated) {
        execute(
                "INSERT INTO namespaces (name, created_at, updated_at) VALUES (?, ?, ?)",
                name,
                at(created),
                at(updated));
    }

    private long dataset(String namespace, String name, int updated) {
        return id(
                "INSERT INTO datasets (namespace, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
                namespace,
                name,
                at(1),
                at(updated));
    }

    private long job(String namespace, String name, int updated) {
        return id(
                "INSERT INTO jobs (namespace, name, created_at, updated_at) VALUES (?, ?, ?, ?) RETURNING id",
                namespace,
                name,
                at(1),
                at(updated));
    }

    private void edge(long job, long dataset, String direction, int firstSeen, int lastSeen, Integer retiredAt) {
        edge(job, dataset, direction, "openlineage", firstSeen, lastSeen, retiredAt);
    }

    private void edge(
            long job, long dataset, String direction, String source, int firstSeen, int lastSeen, Integer retiredAt) {
        execute(
                """
                INSERT INTO lineage_edges (job_id, dataset_id, direction, source, first_seen, last_seen, is_current,
                    retired_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                job,
                dataset,
                direction,
                source,
                at(firstSeen),
                at(lastSeen),
                retiredAt == null,
                retiredAt == null ? null : at(retiredAt));
    }

    private static String edgeRow(
            long job, long dataset, String direction, String source, int firstSeen, int lastSeen, Integer retiredAt) {
        return String.join(
                "|",
                String.valueOf(job),
                String.valueOf(dataset),
                direction,
                source,
                time(firstSeen),
                time(lastSeen),
                retiredAt == null ? "t" : "f",
                retiredAt == null ? "null" : time(retiredAt));
    }

    private void columnEdge(
            long output,
            String outputField,
            long input,
            String inputField,
            String description,
            Long job,
            String source,
            int firstSeen,
            int lastSeen) {
        execute(
                """
                INSERT INTO column_lineage (output_dataset_id, output_field, input_dataset_id, input_field,
                    transformation, subtype, description, job_id, source, first_seen, last_seen)
                VALUES (?, ?, ?, ?, 'DIRECT', 'IDENTITY', ?, ?, ?, ?, ?)""",
                output,
                outputField,
                input,
                inputField,
                description,
                job,
                source,
                at(firstSeen),
                at(lastSeen));
    }

    private UUID datasetVersion(long dataset, String hash, int created) {
        UUID id = UUID.randomUUID();
        execute(
                """
                INSERT INTO dataset_versions (id, dataset_id, fields_hash, fields, created_at)
                VALUES (?, ?, ?, '[]', ?)""",
                id,
                dataset,
                hash,
                at(created));
        return id;
    }

    private UUID jobVersion(long job, String hash, String inputs, String outputs) {
        UUID id = UUID.randomUUID();
        execute(
                """
                INSERT INTO job_versions (id, job_id, version_hash, inputs, outputs, created_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?)""",
                id,
                job,
                hash,
                inputs,
                outputs,
                at(1));
        return id;
    }

    private UUID run(long job, UUID version) {
        UUID id = UUID.randomUUID();
        execute(
                """
                INSERT INTO runs (id, job_id, state, job_version, last_event_time, created_at, updated_at)
                VALUES (?, ?, 'COMPLETED', ?, ?, ?, ?)""",
                id,
                job,
                version,
                at(1),
                at(1),
                at(1));
        return id;
    }

    private static OffsetDateTime at(int hour) {
        return START.plusHours(hour);
    }

    /** How PostgreSQL writes {@link #at} in UTC. */
    private static String time(int hour) {
        return "2024-01-01 %02d:00:00+00".formatted(hour);
    }

    private long id(String sql, Object... parameters) {
        return Long.parseLong(rows(sql, parameters).get(0));
    }

    private void execute(String sql, Object... parameters) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            statement.execute();
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
    }

    /** Each row's columns as text, joined by {@code |}. */
    private List<String> rows(String sql, Object... parameters) {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            try (ResultSet result = statement.executeQuery()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<String> values = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        values.add(String.valueOf(result.getString(column)));
                    }
                    rows.add(String.join("|", values));
                }
            }
        } catch (SQLException exception) {
            throw new AssertionError(exception);
        }
        return rows;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int index = 0; index < parameters.length; index++) {
            statement.setObject(index + 1, parameters[index]);
        }
    }

    private Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(
                properties.get("datasources.default.url"),
                properties.get("datasources.default.username"),
                properties.get("datasources.default.password"));
        try (PreparedStatement statement = connection.prepareStatement("SET TIME ZONE 'UTC'")) {
            statement.execute();
        }
        return connection;
    }
}
