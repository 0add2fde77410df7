package lineage.server.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The server's generated OpenAPI document, as the tests of its shapes read it. */
public final class OpenApiDocument {
    private OpenApiDocument() {}

    /** The document in {@code META-INF/swagger} (its file name holds the project's version). */
    public static Map<String, Object> load() {
        URL directory = OpenApiDocument.class.getResource("/META-INF/swagger");
        assertThat(directory).as("META-INF/swagger on the class path").isNotNull();
        try (Stream<Path> files = Files.list(Path.of(directory.toURI()))) {
            List<Path> documents =
                    files.filter(file -> file.toString().endsWith(".yml")).toList();
            assertThat(documents).hasSize(1);
            try (InputStream in = Files.newInputStream(documents.get(0))) {
                return new Yaml().load(in);
            }
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        } catch (URISyntaxException exception) {
            throw new IllegalStateException(exception);
        }
    }
}
