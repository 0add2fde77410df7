package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.ingest.LineageEvent;
import lineage.server.testing.TrinoCaptures;
import org.junit.jupiter.api.Test;

/** Query-log files: JSON Lines of QueryCompletedEvent and exports of system.runtime.queries (CSV, JSON). */
class TrinoQueryLogsTest {
    private static final String TRINO = "trino://localhost:8085";
    private static final TrinoEventMapper MAPPER = new TrinoEventMapper(
            TrinoClusters.fixed(Optional.of(TRINO)), new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES));

    private final TrinoQueryLogs logs = new TrinoQueryLogs(MAPPER, Optional.of("ordersdb"), Optional.of("public"));

    @Test
    void jsonLinesOfEveryCompletedCaptureMapLikeTheHttpListenersEvents() throws IOException {
        StringBuilder lines = new StringBuilder();
        List<String> expectedJobs = new ArrayList<>();
        for (String file : TrinoCaptures.http()) {
            if (file.endsWith("completed.json")) {
                lines.append(TrinoCaptures.json(file)).append('\n');
                expectedJobs.add(jobName(MAPPER.map(TrinoCaptures.json(file))));
            }
        }
        List<TrinoMapping> mapped = new ArrayList<>();

        TrinoQueryLogs.Summary summary = logs.read(reader(lines.toString()), mapped::add);

        assertThat(summary).isEqualTo(new TrinoQueryLogs.Summary(22, Map.of()));
        assertThat(mapped.stream().map(TrinoQueryLogsTest::jobName).toList()).isEqualTo(expectedJobs);
    }

    @Test
    void aCsvExportOfTheQueryHistoryIsParsedWithTheConfiguredDefaults() throws IOException {
        String csv =
                """
                query_id,state,user,source,query,created,end,error_type,error_code
                20261124_010000_00001_abcde,FINISHED,etl,airflow,"INSERT INTO orders_copy
                SELECT id, ""status"" FROM orders WHERE note = 'a, b'",2026-11-24 01:00:00.000 UTC,2026-11-24 01:00:02.500 UTC,,
                20261124_010000_00002_abcde,RUNNING,etl,cli,SELECT 1,2026-11-24 01:00:00.000 UTC,,,
                20261124_010000_00003_abcde,FAILED,etl,cli,SELECT * FROM refunds,2026-11-24 01:00:00 UTC,2026-11-24 01:00:01 UTC,USER_ERROR,TABLE_NOT_FOUND
                """;
        List<TrinoMapping> mapped = new ArrayList<>();

        TrinoQueryLogs.Summary summary = logs.read(reader(csv), mapped::add);

        assertThat(summary).isEqualTo(new TrinoQueryLogs.Summary(2, Map.of("not finished (RUNNING)", 1)));
        LineageEvent insert = mapped.get(0).event();
        assertThat(insert.eventType()).contains(LineageEvent.EventType.COMPLETE);
        assertThat(insert.edgeSource()).isEqualTo("sql");
        assertThat(insert.inputs().orElseThrow())
                .extracting(LineageEvent.DatasetRef::name)
                .containsExactly("ordersdb.public.orders");
        assertThat(insert.outputs().orElseThrow())
                .extracting(LineageEvent.DatasetRef::name)
                .containsExactly("ordersdb.public.orders_copy");
        assertThat(insert.eventTime()).hasToString("2026-11-24T01:00:02.500Z");
        assertThat(insert.runId()).contains(TrinoRunIds.of("20261124_010000_00001_abcde"));
        LineageEvent failed = mapped.get(1).event();
        assertThat(failed.eventType()).contains(LineageEvent.EventType.FAIL);
        assertThat(failed.payload()
                        .path("run")
                        .path("facets")
                        .path("trino_error")
                        .path("name")
                        .asText())
                .isEqualTo("TABLE_NOT_FOUND");
    }

    @Test
    void aJsonExportAndBadRecordsAreCountedNotFatal() throws IOException {
        String array = "[{\"query_id\": \"q1\", \"state\": \"FINISHED\", \"query\": \"SELECT * FROM customers\","
                + " \"end\": \"2026-11-24T01:00:00Z\"}, {\"query_id\": \"q2\", \"state\": \"FINISHED\","
                + " \"query\": \"SELECT 1\"}, {\"name\": \"x\"}]";
        List<TrinoMapping> mapped = new ArrayList<>();

        TrinoQueryLogs.Summary summary = logs.read(reader(array), mapped::add);

        assertThat(summary)
                .isEqualTo(new TrinoQueryLogs.Summary(
                        1,
                        Map.of(
                                "neither a QueryCompletedEvent nor a system.runtime.queries row", 1,
                                "no end or created time", 1)));
        assertThat(mapped.get(0).event().inputs().orElseThrow())
                .extracting(LineageEvent.DatasetRef::name)
                .containsExactly("ordersdb.public.customers");
        assertThat(new ArrayList<>(summary.skipped().keySet()))
                .containsExactly(
                        "neither a QueryCompletedEvent nor a system.runtime.queries row", "no end or created time");

        TrinoQueryLogs.Summary lines = logs.read(
                reader("{\"metadata\": {}, \"endTime\": \"x\"}\n{not json\n\n"
                        + TrinoCaptures.json("085-http-query-completed.json") + "\n"
                        + TrinoCaptures.json("083-http-query-created.json")),
                mapped::add);
        assertThat(lines.queries()).isEqualTo(1);
        assertThat(lines.skipped())
                .containsEntry("malformed JSON", 1)
                .containsEntry("not a QueryCompletedEvent", 1)
                .containsEntry("invalid: metadata.queryId is required", 1);
        assertThat(logs.read(reader("  \n"), mapped::add)).isEqualTo(new TrinoQueryLogs.Summary(0, Map.of()));
    }

    private static BufferedReader reader(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private static String jobName(TrinoMapping mapping) {
        return mapping.event().job().orElseThrow().name();
    }
}
