package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlCommentsTest {
    @Test
    void theLeadingComment() {
        assertThat(SqlComments.leading("  /* {\"node_id\": \"m\"} */ SELECT 1")).contains("{\"node_id\": \"m\"}");
        assertThat(SqlComments.leading("-- note\nSELECT 1")).contains("note");
        assertThat(SqlComments.leading("-- first\n-- second\nSELECT 1")).contains("first");
        assertThat(SqlComments.leading("/* only */")).contains("only");
        assertThat(SqlComments.leading("SELECT 1 /* later */")).isEmpty();
        assertThat(SqlComments.leading("'/* a string */' /* later */")).isEmpty();
        assertThat(SqlComments.leading("/* open")).isEmpty();
        assertThat(SqlComments.leading("")).isEmpty();
    }
}
