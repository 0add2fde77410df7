package lineage.sql.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import lineage.sql.ParseOptions;
import lineage.sql.SchemaProvider;
import lineage.sql.SqlLineageParser;

/**
 * {@code bin/sql-lineage}: reads JSON Lines ({@code {"id", "sql", "defaultCatalog", "defaultSchema"}}) on standard
 * input and writes one JSON answer per line, in order, on standard output. One bad line never stops the stream; the
 * exit code is 0 once every line is answered.
 */
public final class SqlLineageCli {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SqlLineageCli() {}

    public static void main(String[] arguments) throws IOException {
        if (arguments.length > 0) {
            PrintStream err = System.err;
            err.println("usage: sql-lineage < statements.jsonl");
            err.println("  each input line: {\"id\": \"...\", \"sql\": \"...\", \"defaultCatalog\": \"...\","
                    + " \"defaultSchema\": \"...\"}");
            System.exit(arguments[0].equals("--help") || arguments[0].equals("-h") ? 0 : 2);
        }
        run(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8)));
    }

    /** Answers every line of {@code in} on {@code out}, one line each, flushing after each answer. */
    static void run(BufferedReader in, Writer out) throws IOException {
        SqlLineageParser parser = new SqlLineageParser();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            out.write(JSON.writeValueAsString(answer(parser, line)));
            out.write(System.lineSeparator());
            out.flush();
        }
    }

    static Map<String, Object> answer(SqlLineageParser parser, String line) {
        JsonNode request;
        try {
            request = JSON.readTree(line);
        } catch (JsonProcessingException exception) {
            return LineageJson.unreadable(null, "line is not JSON: " + exception.getOriginalMessage());
        }
        if (request == null || !request.isObject()) {
            return LineageJson.unreadable(null, "line is not a JSON object");
        }
        String id = request.path("id").isValueNode() && !request.path("id").isNull()
                ? request.path("id").asText()
                : null;
        JsonNode sql = request.path("sql");
        if (!sql.isTextual()) {
            return LineageJson.unreadable(id, "field 'sql' is missing or not a string");
        }
        ParseOptions options = new ParseOptions(
                text(request, "defaultCatalog"), text(request, "defaultSchema"), SchemaProvider.none());
        return LineageJson.answer(id, parser.parse(sql.asText(), options));
    }

    private static Optional<String> text(JsonNode request, String field) {
        JsonNode value = request.path(field);
        return value.isTextual() ? Optional.of(value.asText()) : Optional.empty();
    }
}
