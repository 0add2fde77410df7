package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SqlFingerprintTest {
    /** Fingerprints are part of job names: this file pins them, written by the server's code before the move. */
    private static final String GOLDEN = "/fingerprints/golden.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> golden() {
        return GoldenLines.cases(GOLDEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("golden")
    void keepsTheGoldenFingerprint(String name, String golden) throws JsonProcessingException {
        assertThat(line(name, GoldenLines.sql(name))).isEqualTo(golden);
    }

    @Test
    void dropsCommentsMasksLiteralsAndNormalisesWhitespaceAndCase() {
        assertThat(SqlFingerprint.of("/* {\"app\": \"dbt\"} */\nSELECT  a, 'x''y', 42, 1.5e-3 -- why\n"
                                + "FROM \"Mixed\".T WHERE d = DATE '2026-11-23';")
                        .text())
                .isEqualTo("select a , ? , ? , ? from \"Mixed\" . t where d = date ?");
    }

    @Test
    void aNightlyInsertWithANewDateLiteralKeepsItsFingerprint() {
        SqlFingerprint monday = SqlFingerprint.of("INSERT INTO t SELECT * FROM s WHERE day = DATE '2026-11-23'");
        SqlFingerprint tuesday =
                SqlFingerprint.of("insert into t\n  select *\n  from s where day = date '2026-11-24'  ");

        assertThat(monday).isEqualTo(tuesday);
        assertThat(monday.hash()).isEqualTo(tuesday.hash()).hasSize(64).matches("[0-9a-f]+");
        assertThat(monday.hash())
                .isNotEqualTo(SqlFingerprint.of("INSERT INTO t SELECT * FROM s WHERE month = DATE '2026-11-23'")
                        .hash());
    }

    @Test
    void neverFailsOnUnterminatedText() {
        assertThat(SqlFingerprint.of("SELECT 'open").text()).isEqualTo("select ?");
        assertThat(SqlFingerprint.of("SELECT \"open").text()).isEqualTo("select \"open");
        assertThat(SqlFingerprint.of("SELECT 1 /* open").text()).isEqualTo("select ?");
        assertThat(SqlFingerprint.of("SELECT $tag$ open").text()).isEqualTo("select ?");
        assertThat(SqlFingerprint.of("")).isEqualTo(new SqlFingerprint("", "query"));
    }

    @Test
    void statementKindsFromTheLeadingWords() {
        assertThat(SqlFingerprint.of("/* c */ CREATE OR REPLACE VIEW v AS SELECT 1")
                        .kind())
                .isEqualTo("create_view");
        assertThat(SqlFingerprint.of("CREATE TABLE IF NOT EXISTS t (a int)").kind())
                .isEqualTo("create_table");
        assertThat(SqlFingerprint.of("create schema if not exists s").kind()).isEqualTo("create_schema");
        assertThat(SqlFingerprint.of("INSERT INTO t VALUES (1)").kind()).isEqualTo("insert");
        assertThat(SqlFingerprint.of("MERGE INTO t USING s ON (true)").kind()).isEqualTo("merge");
        assertThat(SqlFingerprint.of("WITH x AS (SELECT 1) SELECT * FROM x").kind())
                .isEqualTo("select");
        assertThat(SqlFingerprint.of("(SELECT 1)").kind()).isEqualTo("select");
        assertThat(SqlFingerprint.of("USE c.s").kind()).isEqualTo("use");
        assertThat(SqlFingerprint.of("SELEC id FROM t").kind()).isEqualTo("query");
        assertThat(SqlFingerprint.of("-- only a comment").kind()).isEqualTo("query");
    }

    /** Not Trino SQL, so no job name depended on them: the lexer's reading replaced the old tokenizer's. */
    @Test
    void dollarQuotedStringsAreOneLiteralAndWordsMayHoldAtAndHash() {
        assertThat(SqlFingerprint.of("SELECT $body$ it's; -- all text $body$, $$x$$")
                        .text())
                .isEqualTo("select ? , ?");
        assertThat(SqlFingerprint.of("SELECT a@b, c#d FROM t").text()).isEqualTo("select a@b , c#d from t");
    }

    @Test
    void refusesNullsAndABlankKind() {
        assertThatThrownBy(() -> SqlFingerprint.of(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("sql is null");
        assertThatThrownBy(() -> new SqlFingerprint(null, "select"))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("text is null");
        assertThatThrownBy(() -> new SqlFingerprint("select ?", null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("kind is null");
        assertThatThrownBy(() -> new SqlFingerprint("select ?", " "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kind is blank");
    }

    /** The golden line of a case: as the server's test wrote them, key for key. */
    private static String line(String name, String sql) throws JsonProcessingException {
        SqlFingerprint fingerprint = SqlFingerprint.of(sql);
        ObjectNode line = JSON.createObjectNode();
        line.put("case", name);
        line.put("kind", fingerprint.kind());
        line.put("hash", fingerprint.hash());
        line.put("leadingComment", SqlComments.leading(sql).orElse(null));
        line.put("text", fingerprint.text());
        return JSON.writeValueAsString(line);
    }
}
