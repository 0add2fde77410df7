package lineage.server.cli;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import lineage.server.model.TimeRange;

/** The arguments of {@code copy-events}, {@code export-events} and {@code import-events}, read and checked. */
final class EventArguments {
    static final String DEFAULT_SERVER = "http://localhost:5000";
    static final int DEFAULT_PAGE_SIZE = 1000;
    static final int DEFAULT_BATCH_SIZE = 1000;
    /** Standard input or output, for {@code --output} and the files of {@code import-events}. */
    static final String STANDARD_STREAM = "-";

    /** {@code copy-events}: from one server's event log to another server, oldest first. */
    record Copy(
            URI from,
            URI to,
            Optional<String> fromApiKey,
            Optional<String> toApiKey,
            Instant since,
            Instant until,
            Optional<Path> state,
            int pageSize,
            int batchSize,
            OptionalLong maxEvents) {
        Copy {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
            requireNonNull(fromApiKey, "fromApiKey is null");
            requireNonNull(toApiKey, "toApiKey is null");
            requireNonNull(since, "since is null");
            requireNonNull(until, "until is null");
            requireNonNull(state, "state is null");
            requireNonNull(maxEvents, "maxEvents is null");
        }
    }

    /** {@code export-events}: a server's event log to an NDJSON file ({@code -}: standard output). */
    record Export(URI server, Optional<String> apiKey, Instant since, Instant until, String output, int pageSize) {
        Export {
            requireNonNull(server, "server is null");
            requireNonNull(apiKey, "apiKey is null");
            requireNonNull(since, "since is null");
            requireNonNull(until, "until is null");
            requireNonNull(output, "output is null");
        }
    }

    /** {@code import-events}: NDJSON files ({@code -}: standard input) to a server. */
    record Import(URI server, Optional<String> apiKey, List<String> files, int batchSize) {
        Import {
            requireNonNull(server, "server is null");
            requireNonNull(apiKey, "apiKey is null");
            files = List.copyOf(files);
        }
    }

    private final Map<String, String> environment;

    EventArguments(Map<String, String> environment) {
        this.environment = environment;
    }

    Copy copy(List<String> arguments) throws CommandFailure {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = read(
                arguments,
                List.of(
                        "--from",
                        "--to",
                        "--from-api-key",
                        "--to-api-key",
                        "--since",
                        "--until",
                        "--state",
                        "--page-size",
                        "--batch-size",
                        "--max-events"),
                options);
        if (!rest.isEmpty()) {
            throw new CommandFailure("unexpected argument '" + rest.get(0) + "'");
        }
        if (!options.containsKey("--from")) {
            throw new CommandFailure("--from URL is required (the server to copy from)");
        }
        URI from = url("--from", options.get("--from"));
        URI to = url("--to", options.getOrDefault("--to", defaultServer()));
        if (from.equals(to)) {
            throw new CommandFailure("--from and --to name the same server (" + from + ")");
        }
        Instant since = time("--since", options, TimeRange.MIN);
        Instant until = time("--until", options, TimeRange.MAX);
        checkWindow(since, until);
        OptionalLong maxEvents = options.containsKey("--max-events")
                ? OptionalLong.of(count("--max-events", options.get("--max-events"), Integer.MAX_VALUE))
                : OptionalLong.empty();
        return new Copy(
                from,
                to,
                key(options.get("--from-api-key")),
                key(options.getOrDefault("--to-api-key", environment.get("LINEAGE_API_KEY"))),
                since,
                until,
                Optional.ofNullable(options.get("--state")).map(Path::of),
                size("--page-size", options, DEFAULT_PAGE_SIZE),
                size("--batch-size", options, DEFAULT_BATCH_SIZE),
                maxEvents);
    }

    Export export(List<String> arguments) throws CommandFailure {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = read(
                arguments, List.of("--server", "--api-key", "--since", "--until", "--output", "--page-size"), options);
        if (!rest.isEmpty()) {
            throw new CommandFailure("unexpected argument '" + rest.get(0) + "'");
        }
        if (!options.containsKey("--output")) {
            throw new CommandFailure("--output FILE is required (- for standard output)");
        }
        Instant since = time("--since", options, TimeRange.MIN);
        Instant until = time("--until", options, TimeRange.MAX);
        checkWindow(since, until);
        return new Export(
                url("--server", options.getOrDefault("--server", defaultServer())),
                key(options.getOrDefault("--api-key", environment.get("LINEAGE_API_KEY"))),
                since,
                until,
                options.get("--output"),
                size("--page-size", options, DEFAULT_PAGE_SIZE));
    }

    Import importing(List<String> arguments) throws CommandFailure {
        Map<String, String> options = new LinkedHashMap<>();
        List<String> files = read(arguments, List.of("--server", "--api-key", "--batch-size"), options);
        if (files.isEmpty()) {
            throw new CommandFailure("name at least one FILE (- for standard input)");
        }
        if (files.stream().filter(STANDARD_STREAM::equals).count() > 1) {
            throw new CommandFailure("standard input (-) can be read once");
        }
        return new Import(
                url("--server", options.getOrDefault("--server", defaultServer())),
                key(options.getOrDefault("--api-key", environment.get("LINEAGE_API_KEY"))),
                files,
                size("--batch-size", options, DEFAULT_BATCH_SIZE));
    }

    /** Puts each {@code --option value} into {@code options}; returns the other arguments, in order. */
    private static List<String> read(List<String> arguments, List<String> known, Map<String, String> options)
            throws CommandFailure {
        List<String> rest = new ArrayList<>();
        for (int index = 0; index < arguments.size(); index++) {
            String argument = arguments.get(index);
            if (!argument.startsWith("--")) {
                rest.add(argument);
            } else if (!known.contains(argument)) {
                throw new CommandFailure("unknown option '" + argument + "'");
            } else if (index + 1 >= arguments.size()) {
                throw new CommandFailure(argument + " needs a value");
            } else if (options.putIfAbsent(argument, arguments.get(++index)) != null) {
                throw new CommandFailure(argument + " is given twice");
            }
        }
        return rest;
    }

    private String defaultServer() {
        return environment.getOrDefault("LINEAGE_SERVER", DEFAULT_SERVER);
    }

    private static URI url(String option, String value) throws CommandFailure {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException malformed) {
            throw new CommandFailure(option + " '" + value + "' is not a URL");
        }
        if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null) {
            throw new CommandFailure(option + " '" + value + "' is not an http(s) URL of a server (http://host:port)");
        }
        return uri;
    }

    private static Optional<String> key(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(key -> !key.isEmpty());
    }

    private static Instant time(String option, Map<String, String> options, Instant otherwise) throws CommandFailure {
        return options.containsKey(option) ? EventTimes.argument(option, options.get(option)) : otherwise;
    }

    private static void checkWindow(Instant since, Instant until) throws CommandFailure {
        if (!since.isBefore(until)) {
            throw new CommandFailure("--since " + since + " is not before --until " + until);
        }
    }

    private static int size(String option, Map<String, String> options, int otherwise) throws CommandFailure {
        return options.containsKey(option) ? (int) count(option, options.get(option), 100_000) : otherwise;
    }

    private static long count(String option, String value, long max) throws CommandFailure {
        long count;
        try {
            count = Long.parseLong(value.strip());
        } catch (NumberFormatException notANumber) {
            throw new CommandFailure(option + " '" + value + "' is not a whole number");
        }
        if (count < 1 || count > max) {
            throw new CommandFailure(option + " must be between 1 and " + max);
        }
        return count;
    }
}
