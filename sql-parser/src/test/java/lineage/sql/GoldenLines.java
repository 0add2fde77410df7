package lineage.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The golden files of JSON Lines whose every line names its {@code case}: the path of a {@code .sql} file under the
 * test resources, without {@code .sql}.
 */
final class GoldenLines {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GoldenLines() {}

    /** Each line of a golden file on the test classpath, after its case's name: the arguments of one test each. */
    static Stream<Arguments> cases(String resource) {
        return read(resource).lines().map(line -> Arguments.of(name(line), line));
    }

    /** The SQL of a case named as in a golden file: its path under the test resources, without {@code .sql}. */
    static String sql(String name) {
        return read("/" + name + ".sql");
    }

    private static String name(String line) {
        try {
            return JSON.readTree(line).get("case").asText();
        } catch (JsonProcessingException exception) {
            throw new IllegalArgumentException("not a golden line: " + line, exception);
        }
    }

    private static String read(String resource) {
        try (InputStream in = GoldenLines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
