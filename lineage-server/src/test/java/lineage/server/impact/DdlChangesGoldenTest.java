package lineage.server.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins today's schema changes of the DDL cases ({@code sql/ddl/} and {@code schema-changes/} under sql-parser's test
 * resources) in {@code schema-changes/golden.jsonl} there, before the DDL parse moves into sql-parser.
 */
class DdlChangesGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESOURCES = Path.of("../sql-parser/src/test/resources");

    @Test
    void everyDdlCaseKeepsItsChangesOrError() throws IOException {
        List<String> actual = cases().stream().map(DdlChangesGoldenTest::line).toList();

        assertThat(actual)
                .containsExactlyElementsOf(
                        Files.readAllLines(RESOURCES.resolve("schema-changes/golden.jsonl"), StandardCharsets.UTF_8));
    }

    static List<String> cases() throws IOException {
        try (Stream<Path> ddl = Files.walk(RESOURCES.resolve("sql/ddl"));
                Stream<Path> edges = Files.walk(RESOURCES.resolve("schema-changes"))) {
            return Stream.concat(ddl, edges)
                    .filter(path -> path.toString().endsWith(".sql"))
                    .map(path -> RESOURCES.relativize(path).toString().replace('\\', '/'))
                    .map(name -> name.substring(0, name.length() - ".sql".length()))
                    .sorted()
                    .toList();
        }
    }

    private static String line(String name) {
        try {
            String sql = Files.readString(RESOURCES.resolve(name + ".sql"), StandardCharsets.UTF_8);
            ObjectNode line = JSON.createObjectNode();
            line.put("case", name);
            try {
                ArrayNode changes = line.putArray("changes");
                for (SchemaChange change : DdlChanges.parse(sql, "trino://localhost:8085")) {
                    ObjectNode item = changes.addObject();
                    item.put("kind", change.kind().name());
                    item.put("table", change.dataset().name());
                    item.put("column", change.column().orElse(null));
                    item.put("newName", change.newName().orElse(null));
                    item.put("newType", change.newType().orElse(null));
                }
            } catch (DdlChanges.InvalidDdlException invalid) {
                line.remove("changes");
                line.put("error", invalid.getMessage());
            }
            return JSON.writeValueAsString(line);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
