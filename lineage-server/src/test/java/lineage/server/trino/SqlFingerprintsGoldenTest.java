package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Pins today's fingerprints of the parser's SQL corpus ({@code sql/} and {@code fingerprints/} under sql-parser's test
 * resources) in {@code fingerprints/golden.jsonl} there, before the fingerprint moves into sql-parser.
 */
class SqlFingerprintsGoldenTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path RESOURCES = Path.of("../sql-parser/src/test/resources");

    @Test
    void everyCorpusStatementKeepsItsFingerprint() throws IOException {
        List<String> actual =
                cases().stream().map(SqlFingerprintsGoldenTest::line).toList();

        assertThat(actual)
                .containsExactlyElementsOf(
                        Files.readAllLines(RESOURCES.resolve("fingerprints/golden.jsonl"), StandardCharsets.UTF_8));
    }

    static List<String> cases() throws IOException {
        try (Stream<Path> sql = Files.walk(RESOURCES.resolve("sql"));
                Stream<Path> edges = Files.walk(RESOURCES.resolve("fingerprints"))) {
            return Stream.concat(sql, edges)
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
            line.put("kind", SqlFingerprints.statementKind(sql));
            line.put("hash", SqlFingerprints.fingerprint(sql));
            line.put("leadingComment", SqlFingerprints.leadingComment(sql).orElse(null));
            line.put("text", SqlFingerprints.normalise(sql));
            return JSON.writeValueAsString(line);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
