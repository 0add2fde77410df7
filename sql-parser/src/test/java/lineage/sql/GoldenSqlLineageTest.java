package lineage.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every golden pair under {@code src/test/resources/sql} (format: that folder's README). */
class GoldenSqlLineageTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SqlLineageParser PARSER = new SqlLineageParser();

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(path -> path.toString().endsWith(".sql"))
                    .map(path -> root.relativize(path).toString().replace('\\', '/'))
                    .map(name -> name.substring(0, name.length() - ".sql".length()))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesGoldenAnswer(String name) throws Exception {
        Path root = root();
        String sql = Files.readString(root.resolve(name + ".sql"), StandardCharsets.UTF_8);
        JsonNode expected = JSON.readTree(root.resolve(name + ".json").toFile());

        SqlLineage lineage = PARSER.parse(sql, options(expected));
        // With an error no lineage can be trusted: the answer's lists count as empty, as the CLI prints them.
        boolean failed = lineage.error().isPresent();

        SoftAssertions softly = new SoftAssertions();
        String context = name + " — " + expected.path("description").asText() + "\nanswer: " + lineage;
        boolean expectError = expected.path("error").asBoolean(false);
        softly.assertThat(failed)
                .as("error expected? %s%n%s", expectError, context)
                .isEqualTo(expectError);
        softly.assertThat(failed ? List.of() : names(lineage.inputs()))
                .as("inputs of %s", context)
                .isEqualTo(strings(expected.get("inputs")));
        softly.assertThat(failed ? List.of() : names(lineage.outputs()))
                .as("outputs of %s", context)
                .isEqualTo(strings(expected.get("outputs")));
        softly.assertThat(failed ? List.of() : edges(lineage.directLineage()))
                .as("columnLineage of %s", context)
                .isEqualTo(edges(expected.get("columnLineage")));
        if (expected.has("indirectLineage")) {
            softly.assertThat(failed ? List.of() : edges(lineage.indirectLineage()))
                    .as("indirectLineage of %s", context)
                    .isEqualTo(edges(expected.get("indirectLineage")));
        }
        if (expected.has("errorAt")) {
            softly.assertThat(lineage.error().map(error -> error.line() + ":" + error.column()))
                    .as("error position of %s", context)
                    .contains(expected.get("errorAt").asText());
        }
        for (JsonNode code : expected.path("diagnostics")) {
            softly.assertThat(lineage.diagnostics())
                    .as("diagnostics of %s", context)
                    .anyMatch(diagnostic -> diagnostic.code().name().equals(code.asText()));
        }
        softly.assertAll();
    }

    private static List<String> names(List<TableRef> tables) {
        return tables.stream().map(TableRef::qualifiedName).sorted().toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asText()));
        return strings;
    }

    /** Each edge as {@code output <- input}, sorted. */
    private static List<String> edges(List<ColumnLineage> edges) {
        return edges.stream()
                .map(edge ->
                        edge.output().qualifiedName() + " <- " + edge.input().qualifiedName())
                .distinct()
                .sorted()
                .toList();
    }

    /** The golden file's edges ({@code [{output, inputs}]}) as {@code output <- input}, sorted. */
    private static List<String> edges(JsonNode groups) {
        List<String> edges = new ArrayList<>();
        for (JsonNode group : groups) {
            group.get("inputs").forEach(input -> edges.add(group.get("output").asText() + " <- " + input.asText()));
        }
        return edges.stream().sorted().toList();
    }

    private static ParseOptions options(JsonNode expected) {
        Map<String, List<String>> schemas = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> tables = expected.path("schemas").fields();
        while (tables.hasNext()) {
            Map.Entry<String, JsonNode> table = tables.next();
            List<String> columns = new ArrayList<>();
            table.getValue().forEach(column -> columns.add(column.asText()));
            schemas.put(table.getKey(), columns);
        }
        return new ParseOptions(
                text(expected, "defaultCatalog"), text(expected, "defaultSchema"), SchemaProvider.of(schemas));
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.path(field).isTextual() ? Optional.of(node.path(field).asText()) : Optional.empty();
    }

    private static Path root() {
        try {
            return Path.of(GoldenSqlLineageTest.class.getResource("/sql").toURI());
        } catch (URISyntaxException exception) {
            throw new UncheckedIOException(new IOException(exception));
        }
    }
}
