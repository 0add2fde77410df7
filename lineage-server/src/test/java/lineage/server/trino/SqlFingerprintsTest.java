package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlFingerprintsTest {
    @Test
    void dropsCommentsMasksLiteralsAndNormalisesWhitespaceAndCase() {
        assertThat(SqlFingerprints.normalise("/* {\"app\": \"dbt\"} */\nSELECT  a, 'x''y', 42, 1.5e-3 -- why\n"
                        + "FROM \"Mixed\".T WHERE d = DATE '2026-11-23';"))
                .isEqualTo("select a , ? , ? , ? from \"Mixed\" . t where d = date ?");
    }

    @Test
    void aNightlyInsertWithANewDateLiteralKeepsItsFingerprint() {
        String monday = "INSERT INTO t SELECT * FROM s WHERE day = DATE '2026-11-23'";
        String tuesday = "insert into t\n  select *\n  from s where day = date '2026-11-24'  ";

        assertThat(SqlFingerprints.fingerprint(monday))
                .isEqualTo(SqlFingerprints.fingerprint(tuesday))
                .hasSize(64)
                .matches("[0-9a-f]+");
        assertThat(SqlFingerprints.fingerprint(monday))
                .isNotEqualTo(
                        SqlFingerprints.fingerprint("INSERT INTO t SELECT * FROM s WHERE month = DATE '2026-11-23'"));
    }

    @Test
    void neverFailsOnUnterminatedText() {
        assertThat(SqlFingerprints.normalise("SELECT 'open")).isEqualTo("select ?");
        assertThat(SqlFingerprints.normalise("SELECT \"open")).isEqualTo("select \"open");
        assertThat(SqlFingerprints.normalise("SELECT 1 /* open")).isEqualTo("select ?");
        assertThat(SqlFingerprints.normalise("")).isEmpty();
    }

    @Test
    void statementKindsFromTheLeadingWords() {
        assertThat(SqlFingerprints.statementKind("/* c */ CREATE OR REPLACE VIEW v AS SELECT 1"))
                .isEqualTo("create_view");
        assertThat(SqlFingerprints.statementKind("CREATE TABLE IF NOT EXISTS t (a int)"))
                .isEqualTo("create_table");
        assertThat(SqlFingerprints.statementKind("create schema if not exists s"))
                .isEqualTo("create_schema");
        assertThat(SqlFingerprints.statementKind("INSERT INTO t VALUES (1)")).isEqualTo("insert");
        assertThat(SqlFingerprints.statementKind("MERGE INTO t USING s ON (true)"))
                .isEqualTo("merge");
        assertThat(SqlFingerprints.statementKind("WITH x AS (SELECT 1) SELECT * FROM x"))
                .isEqualTo("select");
        assertThat(SqlFingerprints.statementKind("(SELECT 1)")).isEqualTo("select");
        assertThat(SqlFingerprints.statementKind("USE c.s")).isEqualTo("use");
        assertThat(SqlFingerprints.statementKind("SELEC id FROM t")).isEqualTo("query");
        assertThat(SqlFingerprints.statementKind("-- only a comment")).isEqualTo("query");
    }

    @Test
    void theLeadingComment() {
        assertThat(SqlFingerprints.leadingComment("  /* {\"node_id\": \"m\"} */ SELECT 1"))
                .contains("{\"node_id\": \"m\"}");
        assertThat(SqlFingerprints.leadingComment("-- note\nSELECT 1")).contains("note");
        assertThat(SqlFingerprints.leadingComment("SELECT 1 /* later */")).isEmpty();
        assertThat(SqlFingerprints.leadingComment("/* open")).isEmpty();
    }
}
