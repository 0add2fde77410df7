package lineage.server.store;

import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;
import lineage.server.model.NodeId;

/**
 * The writes of runs and job versions, set-based, in the caller's transaction (see the package's documentation for how the
 * statements are written).
 */
@Singleton
public class RunStore {
    private final DataSource dataSource;

    public RunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records run events, in order. A terminal state (COMPLETED, FAILED, ABORTED) is never replaced by a non-terminal
     * one, so a COMPLETE that arrives before its START still leaves the run completed; between two states of the same
     * kind the later event wins. A run's {@code created_at} is the time of its earliest event, as in Marquez (a run
     * created by an event is created at that event's time), whatever order they arrive in. (The job's latest run is
     * set by {@link JobStore#upsertJobs}.)
     *
     * <p>The rows are written set-based in rounds: the first row of every run in one statement, the second in the next,
     * and so on, so each statement touches a run once, as {@code ON CONFLICT} requires, and a run's rows still apply
     * one after the other. (Ingestion folds a run's in-order events into one row first, where that gives the same
     * result, so most runs take one round.) The statements are added to the pipeline.
     */
    public void upsertRuns(List<RunRow> runs, Map<NodeId, Long> jobIds, Pipeline pipeline) {
        Map<UUID, List<RunRow>> byRun = new LinkedHashMap<>();
        for (RunRow run : runs) {
            byRun.computeIfAbsent(run.id(), id -> new ArrayList<>()).add(run);
        }
        List<List<RunRow>> rounds = new ArrayList<>();
        for (List<RunRow> rows : byRun.values()) {
            for (int round = 0; round < rows.size(); round++) {
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(rows.get(round));
            }
        }
        for (List<RunRow> round : rounds) {
            upsertRunRound(round, jobIds, pipeline);
        }
    }

    private static void upsertRunRound(List<RunRow> runs, Map<NodeId, Long> jobIds, Pipeline pipeline) {
        pipeline.add(
                """
                INSERT INTO runs (id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                    error_message, facets, last_event_time, created_at, updated_at)
                SELECT id::uuid, job_id, state, started_at::timestamptz, ended_at::timestamptz,
                    nominal_start::timestamptz, nominal_end::timestamptz, parent_run_id::uuid, error_message,
                    facets::jsonb, last_event_time::timestamptz, first_event_time::timestamptz, now()
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[])
                    AS r(id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                        error_message, facets, last_event_time, first_event_time)
                ORDER BY 1
                ON CONFLICT (id) DO UPDATE SET
                    state = CASE
                        WHEN runs.state IN ('COMPLETED', 'FAILED', 'ABORTED')
                            AND EXCLUDED.state NOT IN ('COMPLETED', 'FAILED', 'ABORTED') THEN runs.state
                        WHEN EXCLUDED.state IN ('COMPLETED', 'FAILED', 'ABORTED')
                            AND runs.state NOT IN ('COMPLETED', 'FAILED', 'ABORTED') THEN EXCLUDED.state
                        WHEN EXCLUDED.last_event_time >= runs.last_event_time THEN EXCLUDED.state
                        ELSE runs.state END,
                    started_at = LEAST(runs.started_at, EXCLUDED.started_at),
                    ended_at = GREATEST(runs.ended_at, EXCLUDED.ended_at),
                    nominal_start = COALESCE(EXCLUDED.nominal_start, runs.nominal_start),
                    nominal_end = COALESCE(EXCLUDED.nominal_end, runs.nominal_end),
                    parent_run_id = COALESCE(EXCLUDED.parent_run_id, runs.parent_run_id),
                    error_message = COALESCE(EXCLUDED.error_message, runs.error_message),
                    facets = runs.facets || EXCLUDED.facets,
                    last_event_time = GREATEST(runs.last_event_time, EXCLUDED.last_event_time),
                    created_at = LEAST(runs.created_at, EXCLUDED.created_at),
                    updated_at = now()""",
                SqlArrays.uuid(runs, RunRow::id),
                SqlArrays.bigint(runs, run -> jobIds.get(run.job())),
                SqlArrays.text(runs, RunRow::state),
                SqlArrays.time(runs, RunRow::startedAt),
                SqlArrays.time(runs, RunRow::endedAt),
                SqlArrays.time(runs, RunRow::nominalStart),
                SqlArrays.time(runs, RunRow::nominalEnd),
                SqlArrays.uuid(runs, RunRow::parentRunId),
                SqlArrays.text(runs, RunRow::errorMessage),
                SqlArrays.text(runs, RunRow::facets),
                SqlArrays.time(runs, RunRow::lastEventTime),
                SqlArrays.time(runs, RunRow::firstEventTime));
    }

    /**
     * Creates the versions that are new and makes each job's last version in the list its current one. One statement
     * creates the versions and finds the jobs whose current version must change (by index probes: no plan joins a batch
     * to all jobs); only those are updated, by primary key. In the steady state, where a job's runs repeat its current
     * version, that is one statement and no update. The statement is added to the pipeline; the update, if any, is what
     * the returned action does once the pipeline has run.
     */
    public Runnable updateJobVersions(List<JobVersionWriteRow> versions, Pipeline pipeline) {
        if (versions.isEmpty()) {
            return () -> {};
        }
        Map<List<Object>, JobVersionWriteRow> distinct = new LinkedHashMap<>();
        Map<Long, String> last = new HashMap<>();
        for (JobVersionWriteRow version : versions) {
            distinct.putIfAbsent(List.of(version.jobId(), version.versionHash()), version);
            last.put(version.jobId(), version.versionHash());
        }
        List<JobVersionWriteRow> rows = List.copyOf(distinct.values());
        String sql =
                """
                WITH wanted AS (
                    SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[])
                        AS w(job_id, version_hash, inputs, outputs, sql, created_at, is_current)),
                inserted AS (
                    INSERT INTO job_versions (id, job_id, version_hash, inputs, outputs, sql, created_at)
                    SELECT gen_random_uuid(), job_id, version_hash, inputs::jsonb, outputs::jsonb, sql,
                        created_at::timestamptz
                    FROM wanted ORDER BY job_id, version_hash
                    ON CONFLICT (job_id, version_hash) DO NOTHING
                    RETURNING id, job_id, version_hash)
                SELECT i.job_id, i.id FROM inserted i
                JOIN wanted w ON w.job_id = i.job_id AND w.version_hash = i.version_hash WHERE w.is_current
                UNION ALL
                SELECT w.job_id, v.id FROM wanted w
                CROSS JOIN LATERAL (
                    SELECT id FROM job_versions WHERE job_id = w.job_id AND version_hash = w.version_hash OFFSET 0) v
                CROSS JOIN LATERAL (
                    SELECT 1 FROM jobs WHERE id = w.job_id AND current_version IS DISTINCT FROM v.id OFFSET 0) j
                WHERE w.is_current""";
        Map<Long, UUID> changed = new TreeMap<>();
        pipeline.addQuery(
                sql,
                result -> {
                    while (result.next()) {
                        changed.put(result.getLong(1), result.getObject(2, UUID.class));
                    }
                },
                SqlArrays.bigint(rows, JobVersionWriteRow::jobId),
                SqlArrays.text(rows, JobVersionWriteRow::versionHash),
                SqlArrays.text(rows, JobVersionWriteRow::inputs),
                SqlArrays.text(rows, JobVersionWriteRow::outputs),
                SqlArrays.text(rows, JobVersionWriteRow::sql),
                SqlArrays.time(rows, JobVersionWriteRow::time),
                rows.stream()
                        .map(row -> row.versionHash().equals(last.get(row.jobId())))
                        .toArray(Boolean[]::new));
        return () -> makeCurrent(changed);
    }

    /** Makes each job's version the current one. */
    private void makeCurrent(Map<Long, UUID> changed) {
        if (changed.isEmpty()) {
            return;
        }
        Connection connection = Statements.connection(dataSource);
        try (PreparedStatement statement =
                connection.prepareStatement("UPDATE jobs SET current_version = ? WHERE id = ?")) {
            for (Map.Entry<Long, UUID> job : changed.entrySet()) {
                statement.setObject(1, job.getValue());
                statement.setLong(2, job.getKey());
                statement.addBatch();
            }
            statement.executeBatch();
        } catch (SQLException exception) {
            throw new StoreException("store update failed", exception);
        }
    }
}
