package lineage.sql;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The test resources that golden-line tests read: a golden file's lines, and the SQL of the cases they name. */
final class GoldenLines {
    private GoldenLines() {}

    /** The lines of a golden file on the test classpath. */
    static List<String> of(String resource) {
        return read(resource).lines().toList();
    }

    /** The SQL of a case named as in a golden file: its path under the test resources, without {@code .sql}. */
    static String sql(String name) {
        return read("/" + name + ".sql");
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
