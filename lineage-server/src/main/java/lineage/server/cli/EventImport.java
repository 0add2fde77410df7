package lineage.server.cli;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code lineage import-events FILE…}: posts the events of NDJSON files ({@code -}: standard input), in file and line
 * order, in batches. A line that is not a JSON object stops the import; the events before it have been posted, and
 * posting them again changes nothing.
 */
final class EventImport {
    private static final String COMMAND = "lineage import-events: ";

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;
    private final ProgressBar bar;
    private long bytesRead;
    private long total;
    private long sent;

    EventImport(PrintStream out, PrintStream err, InputStream in, boolean progress) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.bar = new ProgressBar(err, progress);
    }

    int run(EventArguments.Import request) {
        for (String file : request.files()) {
            if (!file.equals(EventArguments.STANDARD_STREAM) && !Files.isRegularFile(Path.of(file))) {
                err.println(COMMAND + "no file " + file);
                return LineageCli.ERROR;
            }
            total += file.equals(EventArguments.STANDARD_STREAM)
                    ? 0
                    : Path.of(file).toFile().length();
        }
        if (request.files().contains(EventArguments.STANDARD_STREAM)) {
            total = 0;
        }
        EventPoster poster = new EventPoster(request.server(), request.apiKey(), request.batchSize(), err);
        long started = System.nanoTime();
        try {
            for (String file : request.files()) {
                importFile(file, poster, request.batchSize());
            }
        } catch (CommandFailure failure) {
            bar.clear();
            err.println(COMMAND + failure.getMessage());
            if (sent > 0) {
                err.println(COMMAND + sent + " events before it were posted (posting them again changes nothing)");
            }
            return LineageCli.ERROR;
        }
        bar.clear();
        out.printf(
                Locale.ROOT,
                "%d events imported into %s from %d file(s) in %.1f s%n",
                poster.accepted(),
                request.server(),
                request.files().size(),
                (System.nanoTime() - started) / 1e9);
        EventPoster.print(out, poster.rejections());
        return LineageCli.OK;
    }

    private void importFile(String file, EventPoster poster, int batchSize) throws CommandFailure {
        boolean standardInput = file.equals(EventArguments.STANDARD_STREAM);
        String name = standardInput ? "standard input" : file;
        try (BufferedReader reader = reader(standardInput ? uncloseable(in) : Files.newInputStream(Path.of(file)))) {
            NdjsonEvents events = new NdjsonEvents(reader, name);
            List<EventPoster.Outgoing> batch = new ArrayList<>();
            Optional<NdjsonEvents.Line> line = events.next();
            while (line.isPresent()) {
                batch.add(new EventPoster.Outgoing(
                        line.get().event(), name + " line " + line.get().number()));
                if (batch.size() == batchSize) {
                    send(poster, batch);
                }
                try {
                    line = events.next();
                } catch (CommandFailure badLine) {
                    send(poster, batch);
                    throw badLine;
                }
            }
            send(poster, batch);
        } catch (NoSuchFileException missing) {
            throw new CommandFailure("no file " + file);
        } catch (IOException unreadable) {
            throw new CommandFailure("cannot read " + name + ": " + unreadable.getMessage());
        }
    }

    private void send(EventPoster poster, List<EventPoster.Outgoing> batch) throws CommandFailure {
        if (batch.isEmpty()) {
            return;
        }
        poster.send(batch);
        sent += batch.size();
        batch.clear();
        bar.show(total > 0 ? bytesRead / (double) total : -1, sent, "events imported");
    }

    private BufferedReader reader(InputStream stream) {
        InputStream counted = new FilterInputStream(stream) {
            @Override
            public int read() throws IOException {
                int value = super.read();
                if (value >= 0) {
                    bytesRead++;
                }
                return value;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int count = super.read(buffer, offset, length);
                if (count > 0) {
                    bytesRead += count;
                }
                return count;
            }
        };
        return new BufferedReader(new InputStreamReader(counted, StandardCharsets.UTF_8), 1 << 16);
    }

    /** Standard input stays open when its reader is closed. */
    private static InputStream uncloseable(InputStream stream) {
        return new FilterInputStream(stream) {
            @Override
            public void close() {}
        };
    }
}
