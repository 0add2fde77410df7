package lineage.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code lineage copy-events}, {@code export-events} and {@code import-events}: moving OpenLineage events between
 * Marquez-compatible servers and NDJSON files. Exit 0 when every event was read (events a server refused are listed),
 * 2 on a usage, file or connection error, after saying where to resume.
 */
final class EventCommands {
    static final String USAGE =
            """
            usage: lineage copy-events --from URL [--to URL] [--since TIME] [--until TIME] [--from-api-key KEY]
                                       [--to-api-key KEY] [--state FILE] [--page-size N] [--batch-size N]
                                       [--max-events N]
              Copies the events of a Marquez-compatible server (this server, Marquez) to this server, oldest first:
              GET /api/v1/events/lineage of --from, POST /api/v1/lineage of --to. Sending an event again changes
              nothing, so a copy can be run again or resumed. Prints where it got to: --since that time copies what
              came later. A progress bar on a terminal.
              --to         the lineage server (default http://localhost:5000, or LINEAGE_SERVER)
              --since, --until  the events with since <= eventTime < until (ISO-8601, or a date: its midnight UTC)
              --from-api-key, --to-api-key  sent as bearer tokens (--to-api-key defaults to LINEAGE_API_KEY)
              --state      a file holding the time to resume from: read at the start when it exists, written after
                           every page
              --page-size  events per read (default 1000); --batch-size events per post (default 1000; 1 posts one
                           event per request, as Marquez takes them); --max-events stop after N events
            exit status: 0 every event was read (refused ones are listed), 2 usage, file or connection error

            usage: lineage export-events [--server URL] [--api-key KEY] [--since TIME] [--until TIME] --output FILE
              Writes the server's events, oldest first, to FILE as NDJSON (one OpenLineage event per line; - for
              standard output).

            usage: lineage import-events [--server URL] [--api-key KEY] [--batch-size N] FILE...
              Posts the events of NDJSON files (- for standard input) to the server, in batches. A line that is not
              a JSON object stops the import, naming the file and line.""";

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final EventArguments arguments;
    private final boolean progress;

    EventCommands(PrintStream out, PrintStream err, InputStream in, Map<String, String> environment, boolean progress) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.arguments = new EventArguments(environment);
        this.progress = progress;
    }

    /** Runs {@code command} (one of the three) with the arguments after it; returns the exit status. */
    int run(String command, List<String> commandArguments) {
        try {
            return switch (command) {
                case "copy-events" -> copy(arguments.copy(commandArguments));
                case "export-events" -> export(arguments.export(commandArguments));
                case "import-events" -> new EventImport(out, err, in, progress)
                        .run(arguments.importing(commandArguments));
                default -> throw new IllegalArgumentException("not an event command: " + command);
            };
        } catch (CommandFailure usage) {
            err.println("lineage " + command + ": " + usage.getMessage() + "\n" + USAGE);
            return LineageCli.ERROR;
        }
    }

    private int copy(EventArguments.Copy copy) {
        String command = "lineage copy-events: ";
        StateFile state = new StateFile(copy.state());
        Instant since;
        try {
            since = state.read().orElse(copy.since());
        } catch (CommandFailure unreadable) {
            err.println(command + unreadable.getMessage());
            return LineageCli.ERROR;
        }
        if (!since.equals(copy.since())) {
            err.println(command + "resuming from " + since + " (" + copy.state().orElseThrow() + ")");
        }
        if (!since.isBefore(copy.until())) {
            out.println("0 events copied: the state file is at --until " + copy.until());
            return LineageCli.OK;
        }
        ProgressBar bar = new ProgressBar(err, progress);
        EventPoster poster = new EventPoster(copy.to(), copy.toApiKey(), copy.batchSize(), err);
        EventReading reading =
                new EventReading(new ServerEventPages(copy.from(), copy.fromApiKey()), bar, "events copied");
        long started = System.nanoTime();
        EventReading.Outcome outcome;
        try {
            outcome = reading.read(
                    new EventCursor(since, copy.until(), copy.pageSize()),
                    copy.maxEvents(),
                    events -> poster.send(events.stream()
                            .map(event -> new EventPoster.Outgoing(event, label(event)))
                            .toList()),
                    state::write);
        } catch (EventReading.Interrupted interrupted) {
            bar.clear();
            err.println(command + interrupted.getMessage());
            err.println(command + poster.accepted() + " events copied before; " + resume(copy.state(), interrupted));
            return LineageCli.ERROR;
        }
        bar.clear();
        out.printf(
                Locale.ROOT,
                "%d events copied from %s to %s in %.1f s%n",
                poster.accepted(),
                copy.from(),
                copy.to(),
                seconds(started));
        EventPoster.print(out, poster.rejections());
        if (outcome.stopped()) {
            out.println("stopped at --max-events " + copy.maxEvents().getAsLong() + "; "
                    + resume(copy.state(), outcome.resumeFrom()));
        } else {
            out.println("copied up to " + outcome.resumeFrom() + "; "
                    + (copy.state().isPresent()
                            ? "the same command copies later events (state in "
                                    + copy.state().get() + ")"
                            : "to copy later events: --since " + outcome.resumeFrom()));
        }
        return LineageCli.OK;
    }

    private int export(EventArguments.Export export) {
        String command = "lineage export-events: ";
        boolean toStandardOutput = export.output().equals(EventArguments.STANDARD_STREAM);
        String name = toStandardOutput ? "standard output" : export.output();
        PrintStream report = toStandardOutput ? err : out;
        ProgressBar bar = new ProgressBar(err, progress && !toStandardOutput);
        EventReading reading =
                new EventReading(new ServerEventPages(export.server(), export.apiKey()), bar, "events exported");
        long started = System.nanoTime();
        EventReading.Outcome outcome;
        Writer writer = null;
        try {
            // Standard output stays open for the summary; PrintStream keeps its errors, checked after every page.
            writer = toStandardOutput
                    ? new OutputStreamWriter(out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(Path.of(export.output()), StandardCharsets.UTF_8);
            Writer lines = writer;
            outcome = reading.read(
                    new EventCursor(export.since(), export.until(), export.pageSize()),
                    OptionalLong.empty(),
                    events -> write(lines, events, name, toStandardOutput),
                    time -> {});
        } catch (EventReading.Interrupted interrupted) {
            bar.clear();
            err.println(command + interrupted.getMessage());
            err.println(command + interrupted.events() + " events were written to " + name
                    + "; to export the rest: --since " + interrupted.resumeFrom());
            return LineageCli.ERROR;
        } catch (IOException unwritable) {
            err.println(command + "cannot write " + name + ": " + unwritable.getMessage());
            return LineageCli.ERROR;
        } finally {
            if (writer != null && !toStandardOutput) {
                close(writer);
            }
        }
        bar.clear();
        report.printf(
                Locale.ROOT,
                "%d events exported from %s to %s in %.1f s%n",
                outcome.events(),
                export.server(),
                name,
                seconds(started));
        report.println(
                "exported up to " + outcome.resumeFrom() + "; to export later events: --since " + outcome.resumeFrom());
        return LineageCli.OK;
    }

    /** One line per event; {@code console}: the writer writes to standard output, which keeps its errors. */
    private void write(Writer writer, List<JsonNode> events, String name, boolean console) throws CommandFailure {
        try {
            for (JsonNode event : events) {
                writer.write(ServerCalls.JSON.writeValueAsString(event));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException unwritable) {
            throw new CommandFailure("cannot write " + name + ": " + unwritable.getMessage());
        }
        if (console && out.checkError()) {
            throw new CommandFailure("cannot write " + name);
        }
    }

    private static void close(Writer writer) {
        try {
            writer.close();
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    /** How a report names an event of a server: its time, run and job. */
    static String label(JsonNode event) {
        StringBuilder label =
                new StringBuilder("event of ").append(event.path("eventTime").asText("?"));
        if (event.path("run").path("runId").isTextual()) {
            label.append(" run ").append(event.path("run").path("runId").asText());
        }
        if (event.path("job").path("name").isTextual()) {
            label.append(" job ")
                    .append(event.path("job").path("namespace").asText())
                    .append('/')
                    .append(event.path("job").path("name").asText());
        } else if (event.path("dataset").path("name").isTextual()) {
            label.append(" dataset ")
                    .append(event.path("dataset").path("namespace").asText())
                    .append('/')
                    .append(event.path("dataset").path("name").asText());
        }
        return label.toString();
    }

    private static String resume(Optional<Path> state, EventReading.Interrupted interrupted) {
        return resume(state, interrupted.resumeFrom());
    }

    private static String resume(Optional<Path> state, Instant resumeFrom) {
        return state.isPresent()
                ? "run the same command again to resume from " + resumeFrom + " (state in " + state.get() + ")"
                : "resume with --since " + resumeFrom;
    }

    private static double seconds(long started) {
        return (System.nanoTime() - started) / 1e9;
    }
}
