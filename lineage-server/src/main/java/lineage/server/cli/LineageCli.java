package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code lineage} command (run as {@code bin/lineage}). {@code lineage impact --server URL --ddl FILE [--fail-on
 * breaking|affected] [--format table|json]} asks a running server what a migration breaks, for a CI pipeline: exit
 * 0 when nothing at or above the threshold is hit, 1 when something is, 2 on a usage, file or connection error.
 * {@code lineage import-trino-log [--server URL] [--catalog C] [--schema S] FILE…} posts Trino query logs to a running
 * server ({@link TrinoLogImport}). {@code lineage copy-events}, {@code export-events} and {@code import-events} move
 * OpenLineage events between servers and NDJSON files ({@link EventCommands}).
 */
public final class LineageCli {
    static final int OK = 0;
    static final int HIT = 1;
    static final int ERROR = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USAGE =
            """
            usage: lineage impact --ddl FILE [--server URL] [--fail-on breaking|affected] [--format table|json]
                                  [--api-key KEY] [--namespace trino://HOST:PORT]
              Asks the lineage server what the schema changes in FILE break downstream.
              --server   the lineage server (default http://localhost:5000, or LINEAGE_SERVER)
              --fail-on  exit 1 when something is BREAKING (default), or AFFECTED or worse
              --format   a table for people (default) or the server's JSON answer
              --api-key  sent as a bearer token (default LINEAGE_API_KEY)
              --namespace  the Trino cluster the DDL runs on (default: the one the server knows; needed when it
                         knows several)
            exit status: 0 nothing at or above the threshold, 1 something is, 2 usage, file or connection error

            usage: lineage import-trino-log [--server URL] [--api-key KEY] [--catalog C] [--schema S] FILE...
              Posts Trino query logs to the lineage server: JSON Lines of QueryCompletedEvent (an HTTP or Kafka
              event-listener sink) and CSV or JSON exports of system.runtime.queries. Prints how many queries and edges
              were imported and what was skipped, by reason; a progress bar on a terminal.
              --catalog, --schema  the session of history rows, which have none (unqualified names)
            exit status: 0 every file was read (skips are reported), 2 usage, file or connection error
            """
                    + EventCommands.USAGE;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private final boolean progress;
    private final InputStream in;

    LineageCli(PrintStream out, PrintStream err, Map<String, String> environment) {
        this(out, err, environment, false);
    }

    /** {@code progress}: draw a progress bar on {@code err} (a terminal). */
    LineageCli(PrintStream out, PrintStream err, Map<String, String> environment, boolean progress) {
        this(out, err, InputStream.nullInputStream(), environment, progress);
    }

    /** {@code in}: standard input, which {@code import-events -} reads. */
    LineageCli(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean progress) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.environment = environment;
        this.progress = progress;
    }

    public static void main(String[] args) {
        // bin/lineage says whether standard error is a terminal (System.console() cannot tell on every JDK).
        boolean progress = Boolean.getBoolean("lineage.progress");
        System.exit(new LineageCli(System.out, System.err, System.in, System.getenv(), progress).run(args));
    }

    int run(String[] args) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? ERROR : OK;
        }
        if (args[0].equals("import-trino-log")) {
            return importTrinoLog(args);
        }
        if (List.of("copy-events", "export-events", "import-events").contains(args[0])) {
            return new EventCommands(out, err, in, environment, progress)
                    .run(args[0], List.of(args).subList(1, args.length));
        }
        if (!args[0].equals("impact")) {
            err.println("lineage: unknown command '" + args[0] + "'\n" + USAGE);
            return ERROR;
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int index = 1; index < args.length; index++) {
            String option = args[index];
            if (!List.of("--server", "--ddl", "--fail-on", "--format", "--api-key", "--namespace")
                    .contains(option)) {
                err.println("lineage impact: unknown option '" + option + "'\n" + USAGE);
                return ERROR;
            }
            if (index + 1 >= args.length) {
                err.println("lineage impact: " + option + " needs a value\n" + USAGE);
                return ERROR;
            }
            options.put(option, args[++index]);
        }
        return impact(options);
    }

    private int importTrinoLog(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        for (int index = 1; index < args.length; index++) {
            String argument = args[index];
            if (!argument.startsWith("--")) {
                files.add(Path.of(argument));
            } else if (!List.of("--server", "--api-key", "--catalog", "--schema")
                    .contains(argument)) {
                err.println("lineage import-trino-log: unknown option '" + argument + "'\n" + USAGE);
                return ERROR;
            } else if (index + 1 >= args.length) {
                err.println("lineage import-trino-log: " + argument + " needs a value\n" + USAGE);
                return ERROR;
            } else {
                options.put(argument, args[++index]);
            }
        }
        if (files.isEmpty()) {
            err.println("lineage import-trino-log: name at least one FILE\n" + USAGE);
            return ERROR;
        }
        String server =
                options.getOrDefault("--server", environment.getOrDefault("LINEAGE_SERVER", "http://localhost:5000"));
        Optional<String> key = Optional.ofNullable(
                        options.getOrDefault("--api-key", environment.get("LINEAGE_API_KEY")))
                .filter(value -> !value.isBlank());
        return new TrinoLogImport(out, err, progress)
                .run(
                        files,
                        server,
                        key,
                        Optional.ofNullable(options.get("--catalog")),
                        Optional.ofNullable(options.get("--schema")));
    }

    private int impact(Map<String, String> options) {
        if (!options.containsKey("--ddl")) {
            err.println("lineage impact: --ddl FILE is required\n" + USAGE);
            return ERROR;
        }
        String failOn = options.getOrDefault("--fail-on", "breaking").toLowerCase(Locale.ROOT);
        String format = options.getOrDefault("--format", "table").toLowerCase(Locale.ROOT);
        if (!List.of("breaking", "affected").contains(failOn)
                || !List.of("table", "json").contains(format)) {
            err.println("lineage impact: --fail-on is breaking or affected; --format is table or json\n" + USAGE);
            return ERROR;
        }
        JsonNode answer;
        try {
            String ddl = readDdl(options.get("--ddl"));
            String server = options.getOrDefault(
                    "--server", environment.getOrDefault("LINEAGE_SERVER", "http://localhost:5000"));
            answer = schemaChange(
                    server,
                    options.getOrDefault("--api-key", environment.get("LINEAGE_API_KEY")),
                    ddl,
                    Optional.ofNullable(options.get("--namespace")));
        } catch (Refused refused) {
            err.println("lineage impact: " + refused.getMessage());
            return ERROR;
        }
        if (format.equals("json")) {
            out.println(answer.toPrettyString());
        } else {
            printTable(answer);
        }
        String worst = answer.path("summary").path("worst").asText("NONE");
        boolean hit = worst.equals("BREAKING") || (failOn.equals("affected") && worst.equals("AFFECTED"));
        return hit ? HIT : OK;
    }

    /** Why a command cannot go on, as the line it prints after its name. */
    private static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    private static String readDdl(String file) throws Refused {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException missing) {
            throw new Refused("no file " + file);
        } catch (IOException | RuntimeException unreadable) {
            throw new Refused("cannot read " + file + ": " + unreadable.getMessage());
        }
    }

    /** The server's answer to {@code POST /api/v1/impact/schema-change} of the DDL script. */
    private JsonNode schemaChange(String server, String key, String ddl, Optional<String> namespace) throws Refused {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                JSON.createObjectNode().put("ddl", ddl);
        namespace.ifPresent(cluster -> body.put("namespace", cluster));
        HttpResponse<String> response;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(server.replaceAll("/+$", "") + "/api/v1/impact/schema-change"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            if (key != null && !key.isBlank()) {
                request.header("Authorization", "Bearer " + key);
            }
            response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(10))
                    .build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | IllegalArgumentException failure) {
            throw new Refused("cannot reach " + server + ": " + describe(failure));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Refused("interrupted");
        }
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException unreadable) {
            throw new Refused(server + " answered " + response.statusCode() + " without JSON");
        }
        if (response.statusCode() != 200) {
            StringBuilder message = new StringBuilder(server + " answered " + response.statusCode() + ": "
                    + answer.path("detail").asText(answer.path("title").asText("")));
            for (JsonNode error : answer.path("errors")) {
                message.append("\n  ")
                        .append(error.path("field").asText())
                        .append(": ")
                        .append(error.path("message").asText());
            }
            throw new Refused(message.toString());
        }
        return answer;
    }

    private void printTable(JsonNode answer) {
        for (JsonNode change : answer.path("changes")) {
            out.println(
                    change.path("kind").asText() + " " + change.path("dataset").asText()
                            + (change.path("column").isTextual()
                                    ? " column " + change.path("column").asText()
                                    : ""));
        }
        List<String[]> rows = tableRows(answer);
        int[] widths = new int[5];
        for (String[] row : rows) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int column = 0; column < widths.length; column++) {
                line.append(String.format("%-" + widths[column] + "s  ", row[column]));
            }
            out.println(line.append(row[5]).toString().stripTrailing());
        }
        JsonNode summary = answer.path("summary");
        out.printf(
                "%d breaking, %d affected, %d safe, %d consumer queries%n",
                summary.path("breaking").asInt(),
                summary.path("affected").asInt(),
                summary.path("safe").asInt(),
                summary.path("consumers").asInt());
        answer.path("warnings").forEach(warning -> out.println("warning: " + warning.asText()));
    }

    /** The table's heading and a row for each object and consumer query of the answer. */
    private static List<String[]> tableRows(JsonNode answer) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"VERDICT", "TYPE", "NAME", "DOMAIN", "OWNER", "WHY"});
        for (String list : List.of("objects", "consumers")) {
            for (JsonNode item : answer.path(list)) {
                String why = item.path("reason").asText();
                if (item.path("sql").isObject()) {
                    why += " (line " + item.path("sql").path("line").asInt() + ": "
                            + item.path("sql").path("text").asText() + ")";
                }
                if (item.path("edit").isTextual()) {
                    why += "; edit: " + item.path("edit").asText();
                }
                rows.add(new String[] {
                    item.path("verdict").asText(),
                    list.equals("consumers") ? "QUERY" : item.path("type").asText(),
                    item.path("name").asText(),
                    item.path("domain").asText(),
                    item.path("owner").asText("-"),
                    why
                });
            }
        }
        return rows;
    }

    private static String describe(Exception failure) {
        return failure.getMessage() != null
                ? failure.getMessage()
                : failure.getClass().getSimpleName();
    }
}
