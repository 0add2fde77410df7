package lineage.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The jaffle-shop data mesh as Trino 476's OpenLineage listener reported it ({@code fixtures/trino/476}, the files its
 * {@code INDEX} names, in arrival order), replayed through {@code POST /api/v1/lineage}.
 */
public final class JaffleMesh {
    public static final String TRINO = "trino://localhost:8085";

    private JaffleMesh() {}

    /** Posts every OpenLineage capture; fails unless each is accepted (201). */
    public static void replay(ServerClient client) {
        for (String file : openLineageFiles()) {
            HttpResponse<String> response = client.post("/api/v1/lineage", TrinoCaptures.read(file));
            if (response.statusCode() != 201) {
                throw new AssertionError(file + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    /** The dataset node id of a {@code catalog.schema.table} in the mesh. */
    public static String dataset(String name) {
        return "dataset:" + TRINO + ":" + name;
    }

    private static List<String> openLineageFiles() {
        try (InputStream index = JaffleMesh.class.getResourceAsStream("/fixtures/trino/476/INDEX")) {
            if (index == null) {
                throw new IllegalStateException("no fixtures/trino/476/INDEX");
            }
            return new String(index.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
