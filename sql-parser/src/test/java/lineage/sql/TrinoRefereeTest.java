package lineage.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trino's own analyzer as referee: for every statement a real Trino 476 ran in the jaffle-shop mesh, the parser reads
 * the tables Trino resolved and gives the column sources Trino reported (see {@code trino/476/README.md}).
 */
class TrinoRefereeTest {
    private static final SqlLineageParser PARSER = new SqlLineageParser();

    static Stream<JsonNode> completedQueries() throws IOException {
        try (InputStream in = TrinoRefereeTest.class.getResourceAsStream("/trino/476/completed-queries.json")) {
            List<JsonNode> queries = new ArrayList<>();
            new ObjectMapper().readTree(in).forEach(queries::add);
            assertThat(queries).hasSize(22);
            return queries.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("completedQueries")
    void agreesWithTrino(JsonNode query) {
        ParseOptions options = new ParseOptions(text(query, "catalog"), text(query, "schema"), SchemaProvider.none());
        SqlLineage lineage = PARSER.parse(query.get("query").asText(), options);

        if ("SYNTAX_ERROR".equals(query.path("error").asText())) {
            assertThat(lineage.error()).as("Trino refused it as a syntax error").isPresent();
            return;
        }
        assertThat(lineage.error()).as("valid for Trino").isEmpty();
        if (!query.path("state").asText().equals("FINISHED")) {
            return; // Trino resolved nothing for a failed query (e.g. TABLE_NOT_FOUND); the SQL is still valid.
        }
        JsonNode output = query.get("output");
        TreeSet<String> trinoInputs = new TreeSet<>();
        query.get("tables").forEach(table -> trinoInputs.add(table.asText()));
        if (!output.isNull()) {
            trinoInputs.remove(output.get("table").asText());
            assertThat(names(lineage.outputs()))
                    .containsExactly(output.get("table").asText());
        } else {
            assertThat(lineage.outputs()).isEmpty();
        }
        assertThat(names(lineage.inputs())).containsExactlyElementsOf(trinoInputs);
        if (!output.isNull()) {
            for (JsonNode column : output.get("columns")) {
                if (column.get("sources").isEmpty()) {
                    continue; // Trino leaves MERGE and plain CREATE TABLE columns without sources.
                }
                TreeSet<String> expected = new TreeSet<>();
                column.get("sources").forEach(source -> expected.add(source.asText()));
                String target =
                        output.get("table").asText() + "." + column.get("name").asText();
                TreeSet<String> actual = new TreeSet<>();
                lineage.directLineage().stream()
                        .filter(edge -> edge.output().qualifiedName().equals(target))
                        .forEach(edge -> actual.add(edge.input().qualifiedName()));
                assertThat(actual).as("sources of %s", target).containsExactlyElementsOf(expected);
            }
        }
    }

    private static List<String> names(List<TableRef> tables) {
        return tables.stream().map(TableRef::qualifiedName).toList();
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(node.path(field).asText()) : Optional.empty();
    }
}
