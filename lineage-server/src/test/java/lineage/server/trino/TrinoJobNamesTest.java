package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.testing.TrinoCaptures;
import lineage.sql.SqlFingerprint;
import org.junit.jupiter.api.Test;

class TrinoJobNamesTest {
    /**
     * The job, statement kind and fingerprint of every Trino capture. A job's name is its identity in the store, so a
     * change to how SQL is fingerprinted must not rename the jobs already seen.
     */
    private static final String GOLDEN = "/fixtures/trino/476-job-names.tsv";

    private final TrinoJobNames names = new TrinoJobNames(new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES));

    @Test
    void everyCaptureKeepsItsJobName() {
        List<String> actual = TrinoCaptures.all().stream().map(this::line).toList();

        assertThat(actual).containsExactlyElementsOf(golden());
    }

    @Test
    void dbtsNodeIdNamesTheJob() {
        assertThat(names.name(
                        "/* {\"app\": \"dbt\", \"node_id\": \"model.shop.orders\"} */ CREATE TABLE t AS SELECT 1"))
                .isEqualTo("model.shop.orders");
    }

    @Test
    void airflowsDagAndTaskFromTheClientInfo() {
        String sql = "INSERT INTO insights.default.t SELECT * FROM ordersdb.public.orders";

        assertThat(names.name(sql, "{\"dag_id\": \"nightly\", \"task_id\": \"load_t\", \"try_number\": 1}"))
                .isEqualTo("nightly.load_t");
        assertThat(names.name(sql, "not json")).isEqualTo(names.name(sql));
        assertThat(names.name(sql, "{\"dag_id\": \"nightly\"}")).isEqualTo(names.name(sql));
    }

    @Test
    void aNightlyInsertWithANewDateIsOneJobAndOtherStatementsIntoTheSameTableAreOthers() {
        String monday = "INSERT INTO insights.default.daily SELECT * FROM ordersdb.public.orders"
                + " WHERE order_date = DATE '2026-11-23'";
        String tuesday = "-- rerun\ninsert into insights.default.daily select * from ordersdb.public.orders"
                + " where order_date = date '2026-11-24'";
        String delete = "DELETE FROM insights.default.daily WHERE order_date = DATE '2026-11-23'";

        assertThat(names.name(monday))
                .isEqualTo(names.name(tuesday))
                .matches("insert\\.insights\\.default\\.daily\\.[0-9a-f]{8}");
        assertThat(names.name(delete)).matches("delete\\.insights\\.default\\.daily\\.[0-9a-f]{8}");
        assertThat(names.name("SELECT * FROM ordersdb.public.orders")).matches("select\\.[0-9a-f]{16}");
        assertThat(names.name("SELECT * FROM ordersdb.public.orders"))
                .isNotEqualTo(names.name("SELECT * FROM ordersdb.public.customers"));
    }

    /** {@code capture, job name, statement kind, fingerprint}, tab-separated, as both listeners' events name it. */
    private String line(String file) {
        JsonNode body = TrinoCaptures.json(file);
        boolean http = TrinoCaptures.isHttp(file);
        String sql = http
                ? body.path("metadata").path("query").asText()
                : body.path("job").path("facets").path("sql").path("query").asText();
        Optional<String> clientInfo =
                http ? TrinoEventMapper.text(body.path("context").path("clientInfo")) : Optional.empty();
        String job = clientInfo.map(info -> names.name(sql, info)).orElseGet(() -> names.name(sql));
        SqlFingerprint fingerprint = SqlFingerprint.of(sql);
        return String.join("\t", file, job, fingerprint.kind(), fingerprint.hash());
    }

    private static List<String> golden() {
        try (InputStream in = TrinoJobNamesTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .toList();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
