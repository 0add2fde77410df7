package lineage.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import lineage.server.testing.LineageAnswers;
import lineage.server.testing.ServerClient;
import lineage.server.testing.TestingDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lineage import-trino-log} on a generated log of 10,000 queries: 9,000 lines of QueryCompletedEvent JSON and a
 * 1,000-row CSV export of {@code system.runtime.queries}, with bad records of each kind mixed in.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrinoLogImportIT implements TestPropertyProvider {
    /** Where the server places Trino's tables: {@code lineage.trino.namespace}, configured below. */
    private static final String TRINO = "trino://localhost:8085";

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 24, 1, 0, 0, 0, ZoneOffset.UTC);

    private final Map<String, String> database = withNamespace(TestingDatabase.properties());

    /** A log file holds only the HTTP listener's events, which name the coordinator: configuration names the cluster. */
    private static Map<String, String> withNamespace(Map<String, String> database) {
        Map<String, String> properties = new java.util.HashMap<>(database);
        properties.put("lineage.trino.namespace", TRINO);
        properties.put("lineage.trino.namespace-aliases", "trino://127.0.0.1:8085");
        return properties;
    }

    @Inject
    EmbeddedServer server;

    @TempDir
    Path directory;

    @Override
    public Map<String, String> getProperties() {
        return database;
    }

    @Test
    void importsTenThousandQueriesAndCountsTheSkipsByReason() throws IOException {
        Path events = directory.resolve("events.jsonl");
        Path history = directory.resolve("queries.csv");
        writeEvents(events, 9_000);
        writeHistory(history, 1_000);

        LineageCliRun run = LineageCliRun.run(
                "import-trino-log",
                "--server",
                server.getURI().toString(),
                "--catalog",
                "ordersdb",
                "--schema",
                "public",
                events.toString(),
                history.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        // 9,000 lines less 45 malformed and 45 created events; 1,000 rows less 50 running.
        assertThat(run.out())
                .startsWith("9860 queries imported into " + server.getURI() + " (19720 edges) from 2 file(s) in ")
                .contains("140 skipped:\n")
                .contains("  45  malformed JSON\n")
                .contains("  45  not a QueryCompletedEvent\n")
                .contains("  50  not finished (RUNNING)\n");
        assertThat(count("SELECT count(*) FROM runs")).isEqualTo(9_860);
        assertThat(LineageAnswers.ids(new ServerClient(server.getURI())
                        .lineage("dataset:" + TRINO + ":ordersdb.public.orders_copy_7", "&direction=upstream")))
                .contains("dataset:" + TRINO + ":ordersdb.public.orders");

        LineageCliRun again = LineageCliRun.run(
                "import-trino-log", "--server", server.getURI().toString(), events.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(count("SELECT count(*) FROM lineage_events"))
                .as("the same log again changes nothing")
                .isEqualTo(9_860);
    }

    private long count(String sql) {
        return Long.parseLong(TestingDatabase.query(database, sql).get(0));
    }

    /** Every 200th line is malformed, every 200th (offset 100) a QueryCreatedEvent; the rest completed INSERTs. */
    private static void writeEvents(Path file, int lines) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int index = 0; index < lines; index++) {
                if (index % 200 == 0) {
                    writer.write("{\"metadata\": {\"queryId\": \n");
                    continue;
                }
                ObjectNode event = JsonNodeFactory.instance.objectNode();
                OffsetDateTime time = START.plusSeconds(index);
                event.put("createTime", time.toString());
                if (index % 200 != 100) {
                    event.put("endTime", time.plusSeconds(1).toString());
                }
                event.putObject("metadata")
                        .put("queryId", String.format("20261124_010000_%05d_jsonl", index))
                        .put(
                                "query",
                                "INSERT INTO orders_copy_" + (index % 20) + " SELECT id, status FROM orders WHERE id > "
                                        + index)
                        .put("queryState", index % 200 == 100 ? "QUEUED" : "FINISHED");
                event.putObject("context")
                        .put("catalog", "ordersdb")
                        .put("schema", "public")
                        .put("user", "etl");
                writer.write(event.toString());
                writer.write('\n');
            }
        }
    }

    /** Every 20th row is still running. */
    private static void writeHistory(Path file, int rows) throws IOException {
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writer.write("query_id,state,user,source,query,created,end,error_type,error_code\n");
            for (int index = 0; index < rows; index++) {
                String created = "2026-11-25 02:00:00.000 UTC";
                writer.write(String.format(
                        "20261125_020000_%05d_csvxx,%s,etl,airflow,\"INSERT INTO payments_copy SELECT id, amount FROM"
                                + " paymentsdb.public.payments WHERE note = 'a, b' AND id > %d\",%s,%s,,%n",
                        index,
                        index % 20 == 0 ? "RUNNING" : "FINISHED",
                        index,
                        created,
                        index % 20 == 0 ? "" : "2026-11-25 02:00:01.000 UTC"));
            }
        }
    }
}
