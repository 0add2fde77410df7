package lineage.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The writes of runs and job versions, set-based, in the caller's transaction (see {@link LineageStore} for how the
 * statements are written).
 */
@Singleton
public class RunStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;

    public RunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Records run events, in order. A terminal state (COMPLETED, FAILED, ABORTED) is never replaced by a non-terminal
     * one, so a COMPLETE that arrives before its START still leaves the run completed; between two states of the same
     * kind the later event wins. (The job's latest run is set by {@link #upsertJobs}.)
     *
     * <p>A run's events that arrive in order of time with at most their last one terminal, START … COMPLETE as a batch
     * usually holds them, are first folded into one row ({@link #fold}): the run is inserted or updated once, not once
     * per event (each update of a run writes a new row version and an entry in each of its indexes). The others are
     * written set-based in rounds: the first event of every such run in one statement, the second in the next, and so
     * on, so each statement touches a run once, as {@code ON CONFLICT} requires, and a run's events still apply one
     * after the other. The statements are added to the pipeline.
     */
    public void upsertRuns(List<RunRow> runs, Pipeline pipeline) {
        Map<UUID, List<RunRow>> byRun = new LinkedHashMap<>();
        for (RunRow run : runs) {
            byRun.computeIfAbsent(run.id(), id -> new ArrayList<>()).add(run);
        }
        List<List<RunRow>> rounds = new ArrayList<>();
        for (List<RunRow> events : byRun.values()) {
            List<RunRow> rows = foldable(events) ? List.of(fold(events)) : events;
            for (int round = 0; round < rows.size(); round++) {
                if (round == rounds.size()) {
                    rounds.add(new ArrayList<>());
                }
                rounds.get(round).add(rows.get(round));
            }
        }
        for (List<RunRow> round : rounds) {
            upsertRunRound(round, pipeline);
        }
    }

    /**
     * Whether folding the run's events gives the row that writing them one after the other gives, whatever the stored
     * row: their times never go back, and no event follows a terminal one. (Two terminal events, or a terminal one
     * followed by another, are decided against the stored row's last event time: see {@link #upsertRunRound}.)
     */
    static boolean foldable(List<RunRow> events) {
        for (int index = 1; index < events.size(); index++) {
            RunRow earlier = events.get(index - 1);
            if (isTerminal(earlier.state()) || events.get(index).lastEventTime().isBefore(earlier.lastEventTime())) {
                return false;
            }
        }
        return true;
    }

    /**
     * One row for a run's {@link #foldable} events, merged as {@link #upsertRunRound}'s {@code ON CONFLICT} merges a
     * row into the stored one: the last event's state and time (in order, and only the last may be terminal), the
     * earliest start and latest end, each nominal time, parent and error message from the last event that has one, and
     * the run facets of all events (a later facet of a name replacing an earlier one, as jsonb's {@code ||} does).
     */
    static RunRow fold(List<RunRow> events) {
        RunRow row = events.get(0);
        for (RunRow next : events.subList(1, events.size())) {
            row = new RunRow(
                    row.id(),
                    row.jobId(),
                    next.state(),
                    earliest(row.startedAt(), next.startedAt()),
                    latest(row.endedAt(), next.endedAt()),
                    next.nominalStart() != null ? next.nominalStart() : row.nominalStart(),
                    next.nominalEnd() != null ? next.nominalEnd() : row.nominalEnd(),
                    next.parentRunId() != null ? next.parentRunId() : row.parentRunId(),
                    next.errorMessage() != null ? next.errorMessage() : row.errorMessage(),
                    mergeFacets(row.facets(), next.facets()),
                    next.lastEventTime());
        }
        return row;
    }

    private static boolean isTerminal(String state) {
        return state.equals("COMPLETED") || state.equals("FAILED") || state.equals("ABORTED");
    }

    private static OffsetDateTime earliest(OffsetDateTime left, OffsetDateTime right) {
        return left == null || (right != null && right.isBefore(left)) ? right : left;
    }

    private static OffsetDateTime latest(OffsetDateTime left, OffsetDateTime right) {
        return left == null || (right != null && right.isAfter(left)) ? right : left;
    }

    /** {@code earlier || later} of two JSON objects (the top-level keys of both, later ones winning). */
    private static String mergeFacets(String earlier, String later) {
        if (later.equals("{}")) {
            return earlier;
        }
        if (earlier.equals("{}")) {
            return later;
        }
        try {
            ObjectNode merged = (ObjectNode) JSON.readTree(earlier);
            merged.setAll((ObjectNode) JSON.readTree(later));
            return JSON.writeValueAsString(merged);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("run facets that are not a JSON object", unreadable);
        }
    }

    private static void upsertRunRound(List<RunRow> runs, Pipeline pipeline) {
        pipeline.add(
                """
                INSERT INTO runs (id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                    error_message, facets, last_event_time, created_at, updated_at)
                SELECT id::uuid, job_id, state, started_at::timestamptz, ended_at::timestamptz,
                    nominal_start::timestamptz, nominal_end::timestamptz, parent_run_id::uuid, error_message,
                    facets::jsonb, last_event_time::timestamptz, now(), now()
                FROM unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[])
                    AS r(id, job_id, state, started_at, ended_at, nominal_start, nominal_end, parent_run_id,
                        error_message, facets, last_event_time)
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
                    updated_at = now()""",
                SqlArrays.uuid(runs, RunRow::id),
                SqlArrays.bigint(runs, RunRow::jobId),
                SqlArrays.text(runs, RunRow::state),
                SqlArrays.time(runs, RunRow::startedAt),
                SqlArrays.time(runs, RunRow::endedAt),
                SqlArrays.time(runs, RunRow::nominalStart),
                SqlArrays.time(runs, RunRow::nominalEnd),
                SqlArrays.uuid(runs, RunRow::parentRunId),
                SqlArrays.text(runs, RunRow::errorMessage),
                SqlArrays.text(runs, RunRow::facets),
                SqlArrays.time(runs, RunRow::lastEventTime));
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
