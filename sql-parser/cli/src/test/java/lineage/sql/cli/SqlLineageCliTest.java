package lineage.sql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON Lines contract of {@code bin/sql-lineage} (docs/sql-lineage.md, "The command-line contract"). */
class SqlLineageCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void answersEveryLineInOrderWithSortedArrays() throws IOException {
        List<JsonNode> answers = run(
                "{\"id\": \"ctas\", \"sql\": \"CREATE TABLE t AS SELECT b.y AS y, a.x AS x FROM s.zz a JOIN s.aa b"
                        + " ON a.k = b.k WHERE a.f > 0\", \"defaultCatalog\": \"c\", \"defaultSchema\": \"d\"}",
                "{\"id\": \"select\", \"sql\": \"SELECT 1\"}");

        assertThat(answers).hasSize(2);
        JsonNode ctas = answers.get(0);
        assertThat(ctas.get("id").asText()).isEqualTo("ctas");
        assertThat(ctas.get("inputs").toString()).isEqualTo("[\"c.s.aa\",\"c.s.zz\"]");
        assertThat(ctas.get("outputs").toString()).isEqualTo("[\"c.d.t\"]");
        assertThat(ctas.get("columnLineage").toString())
                .isEqualTo("[{\"output\":\"c.d.t.x\",\"inputs\":[\"c.s.zz.x\"]},"
                        + "{\"output\":\"c.d.t.y\",\"inputs\":[\"c.s.aa.y\"]}]");
        assertThat(ctas.get("indirectLineage").get(0).get("inputs").toString())
                .isEqualTo("[\"c.s.aa.k\",\"c.s.zz.f\",\"c.s.zz.k\"]");
        assertThat(ctas.get("error").isNull()).isTrue();
        assertThat(answers.get(1).get("id").asText()).isEqualTo("select");
    }

    @Test
    void badLinesGetAnAnswerAndDoNotStopTheStream() throws IOException {
        List<JsonNode> answers = run(
                "this is not json",
                "{\"id\": 7}",
                "{\"id\": \"typo\", \"sql\": \"SELEC id FROM t\"}",
                "{\"id\": \"ok\", \"sql\": \"SELECT id FROM c.s.t\"}");

        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).get("id").isNull()).isTrue();
        assertThat(answers.get(0).get("error").asText()).startsWith("line is not JSON");
        assertThat(answers.get(1).get("id").asText()).isEqualTo("7");
        assertThat(answers.get(1).get("error").asText()).isEqualTo("field 'sql' is missing or not a string");
        assertThat(answers.get(2).get("error").asText()).isEqualTo("line 1, column 1: unknown statement 'SELEC'");
        assertThat(answers.get(2).get("inputs")).isEmpty();
        assertThat(answers.get(3).get("inputs").toString()).isEqualTo("[\"c.s.t\"]");
    }

    @Test
    void warningsGoToDiagnosticsAndLeaveTheAnswerUsable() throws IOException {
        JsonNode answer = run("{\"id\": \"star\", \"sql\": \"CREATE TABLE c.s.t AS SELECT * FROM c.s.u\"}")
                .get(0);

        assertThat(answer.get("error").isNull()).isTrue();
        assertThat(answer.get("inputs").toString()).isEqualTo("[\"c.s.u\"]");
        assertThat(answer.get("diagnostics").toString()).contains("UNRESOLVED_COLUMN");
    }

    private static List<JsonNode> run(String... lines) throws IOException {
        StringWriter out = new StringWriter();
        SqlLineageCli.run(new BufferedReader(new StringReader(String.join("\n", lines))), out);
        List<JsonNode> answers = new ArrayList<>();
        for (String line : out.toString().split("\\R")) {
            answers.add(JSON.readTree(line));
        }
        return answers;
    }
}
