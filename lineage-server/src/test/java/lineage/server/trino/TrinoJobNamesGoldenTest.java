package lineage.server.trino;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import lineage.server.ingest.CachedSqlParser;
import lineage.server.ingest.EventParser;
import lineage.server.ingest.LineageEvent;
import lineage.server.testing.TrinoCaptures;
import lineage.sql.SqlFingerprint;
import org.junit.jupiter.api.Test;

/**
 * The job of every Trino capture, with its statement kind and fingerprint, against {@code
 * fixtures/trino/476-job-names.tsv}. A job's name is its identity in the store, so a change to how SQL is
 * fingerprinted must not rename the jobs already seen.
 */
class TrinoJobNamesGoldenTest {
    private static final String GOLDEN = "/fixtures/trino/476-job-names.tsv";
    private static final String TRINO = "trino://localhost:8085";
    private static final TrinoNamespaces NAMESPACES = new TrinoNamespaces(TRINO, List.of("trino://127.0.0.1:8085"));
    private static final CachedSqlParser PARSER = new CachedSqlParser(CachedSqlParser.DEFAULT_BYTES);

    private final TrinoEventMapper mapper = new TrinoEventMapper(NAMESPACES, PARSER);
    private final TrinoOpenLineageEvents openLineage =
            new TrinoOpenLineageEvents(NAMESPACES, new TrinoJobNames(PARSER));

    @Test
    void everyCaptureKeepsItsJobName() {
        List<String> actual = TrinoCaptures.all().stream().map(this::line).toList();

        assertThat(actual).containsExactlyElementsOf(golden());
    }

    /** {@code capture, job name, statement kind, fingerprint}, tab-separated. */
    private String line(String file) {
        JsonNode body = TrinoCaptures.json(file);
        LineageEvent event = TrinoCaptures.isHttp(file)
                ? mapper.map(body).event()
                : openLineage.rewrite(EventParser.parse(body, ""));
        String sql = TrinoCaptures.isHttp(file)
                ? body.path("metadata").path("query").asText()
                : body.path("job").path("facets").path("sql").path("query").asText();
        SqlFingerprint fingerprint = SqlFingerprint.of(sql);
        return String.join("\t", file, event.job().orElseThrow().name(), fingerprint.kind(), fingerprint.hash());
    }

    private static List<String> golden() {
        try (InputStream in = TrinoJobNamesGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .skip(1)
                    .toList();
        } catch (IOException exception) {
            throw new UncheckedIOException(exception);
        }
    }
}
