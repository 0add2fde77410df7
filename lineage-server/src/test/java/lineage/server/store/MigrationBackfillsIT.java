package lineage.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lineage.server.testing.TestingDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The migrations that fill new tables and columns from what an older version stored: data written at V12 (before
 * sources and event-time run creation), then the migrations after it.
 */
class MigrationBackfillsIT {
    private final Map<String, String> properties = TestingDatabase.properties();

    @Test
    void sourcesAndRunCreationTimesAreFilledFromStoredData() throws SQLException {
        migrate("12");
        execute(
                """
                INSERT INTO namespaces (name, created_at, updated_at)
                VALUES ('postgres://db:5432', '2026-01-01T00:00Z', '2026-01-03T00:00Z');
                INSERT INTO datasets (namespace, name, facets, created_at, updated_at) VALUES
                ('postgres://db:5432', 'public.a', '{"dataSource": {"name": "db", "uri": "postgres://old:5432"}}',
                    '2026-01-01T00:00Z', '2026-01-01T00:00Z'),
                ('postgres://db:5432', 'public.b', '{"dataSource": {"name": "db", "uri": "postgres://db:5432"}}',
                    '2026-01-02T00:00Z', '2026-01-03T00:00Z'),
                ('postgres://db:5432', 'public.c', '{}', '2026-01-02T12:00Z', '2026-01-02T12:00Z');
                INSERT INTO jobs (namespace, name, created_at, updated_at)
                VALUES ('postgres://db:5432', 'etl', '2026-01-01T00:00Z', '2026-01-01T00:00Z');
                INSERT INTO runs (id, job_id, state, started_at, last_event_time, created_at, updated_at) VALUES
                ('00000000-0000-0000-0000-000000000001', (SELECT id FROM jobs), 'COMPLETED', '2026-01-01T10:00Z',
                    '2026-01-01T10:05Z', '2026-02-01T00:00Z', '2026-02-01T00:00Z'),
                ('00000000-0000-0000-0000-000000000002', (SELECT id FROM jobs), 'COMPLETED', '2026-01-01T11:00Z',
                    '2026-01-01T11:05Z', '2026-02-01T00:00Z', '2026-02-01T00:00Z');
                INSERT INTO lineage_events (event_hash, event_kind, event_type, event_time, run_id, payload) VALUES
                ('h1', 'RUN', 'COMPLETE', '2026-01-01T10:05Z', '00000000-0000-0000-0000-000000000001', '{}'),
                ('h2', 'RUN', 'START', '2026-01-01T09:59Z', '00000000-0000-0000-0000-000000000001', '{}');""");

        migrate("latest");

        assertThat(rows("SELECT name, connection_url, created_at, updated_at FROM sources ORDER BY name"))
                .containsExactly(
                        "db|postgres://db:5432|2026-01-01 00:00:00+00|2026-01-03 00:00:00+00",
                        "default||2026-01-02 12:00:00+00|2026-01-02 12:00:00+00");
        // The first run's earliest event is in the log; the second's events are gone (retention): its start.
        assertThat(rows("SELECT id, created_at FROM runs ORDER BY id"))
                .containsExactly(
                        "00000000-0000-0000-0000-000000000001|2026-01-01 09:59:00+00",
                        "00000000-0000-0000-0000-000000000002|2026-01-01 11:00:00+00");
    }

    private void migrate(String target) {
        Flyway.configure()
                .dataSource(url(), properties.get("datasources.default.username"), password())
                .schemas(properties.get("flyway.datasources.default.schemas"))
                .createSchemas(true)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Each row's columns as text, joined by {@code |}, with times in UTC. */
    private List<String> rows(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<String> values = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    values.add(String.valueOf(result.getString(column)));
                }
                rows.add(String.join("|", values));
            }
        }
        return rows;
    }

    private Connection connect() throws SQLException {
        Connection connection =
                DriverManager.getConnection(url(), properties.get("datasources.default.username"), password());
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
        }
        return connection;
    }

    private String url() {
        return properties.get("datasources.default.url");
    }

    private String password() {
        return properties.get("datasources.default.password");
    }
}
