package lineage.server.trino;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import lineage.server.error.LineageException;

/**
 * Reads Trino query logs for {@code lineage import-trino-log}: JSON Lines of QueryCompletedEvent (as an HTTP or Kafka
 * listener sink writes them) and exports of {@code system.runtime.queries} as CSV with a header or as JSON (an array
 * of rows, or one row per line). Every query goes through the same {@link TrinoEventMapper} as the HTTP listener's
 * events; a history row has no tables or session, so its lineage comes from parsing its text with the configured
 * catalog and schema. What cannot be used is skipped and counted by reason; reading never stops at a bad record.
 */
public final class TrinoQueryLogs {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> FINISHED_STATES = Set.of("FINISHED", "FAILED");
    private static final DateTimeFormatter HISTORY_TIME = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .appendLiteral(' ')
            .appendZoneOrOffsetId()
            .toFormatter(Locale.ROOT);

    private final TrinoEventMapper mapper;
    private final Optional<String> defaultCatalog;
    private final Optional<String> defaultSchema;
    private final Optional<String> clusterUri;

    /** History rows carry no session: their unqualified names are read with this catalog and schema. */
    public TrinoQueryLogs(TrinoEventMapper mapper, Optional<String> defaultCatalog, Optional<String> defaultSchema) {
        this(mapper, defaultCatalog, defaultSchema, Optional.empty());
    }

    /**
     * As above, for history rows read from the cluster at {@code clusterUri} (the poller's connection): they carry it
     * as the HTTP listener's events carry the coordinator's address, so identity names them like the cluster's other
     * events.
     */
    public TrinoQueryLogs(
            TrinoEventMapper mapper,
            Optional<String> defaultCatalog,
            Optional<String> defaultSchema,
            Optional<String> clusterUri) {
        this.mapper = mapper;
        this.defaultCatalog = defaultCatalog;
        this.defaultSchema = defaultSchema;
        this.clusterUri = clusterUri;
    }

    /** How many queries were read and mapped, and how many records were skipped, by reason (sorted). */
    public record Summary(int queries, Map<String, Integer> skipped) {
        public Summary {
            skipped = Collections.unmodifiableMap(new TreeMap<>(skipped));
        }
    }

    /** Reads every record of the text, giving each mapped query to {@code sink} in file order. */
    public Summary read(BufferedReader text, Consumer<TrinoMapping> sink) throws IOException {
        text.mark(1 << 16);
        int first;
        do {
            first = text.read();
        } while (first != -1 && Character.isWhitespace(first));
        text.reset();
        Counts counts = new Counts();
        if (first == '[') {
            JsonNode rows = readJson(text.lines().collect(Collectors.joining("\n")), counts);
            rows.forEach(row -> record(row, sink, counts));
        } else if (first == '{') {
            String line;
            while ((line = text.readLine()) != null) {
                if (!line.isBlank()) {
                    record(readJson(line, counts), sink, counts);
                }
            }
        } else if (first != -1) {
            csv(text, sink, counts);
        }
        return new Summary(counts.queries, counts.skipped);
    }

    /**
     * Maps rows of {@code system.runtime.queries} read over JDBC (column name to value, each as text) as they come from
     * a file export, giving each mapped query to {@code sink} in order.
     */
    public Summary readRows(List<JsonNode> rows, Consumer<TrinoMapping> sink) {
        Counts counts = new Counts();
        rows.forEach(row -> record(row, sink, counts));
        return new Summary(counts.queries, counts.skipped);
    }

    private void csv(BufferedReader text, Consumer<TrinoMapping> sink, Counts counts) throws IOException {
        Optional<List<String>> header = CsvRecords.next(text);
        if (header.isEmpty()) {
            return;
        }
        List<String> columns = header.get().stream()
                .map(column -> column.strip().toLowerCase(Locale.ROOT))
                .toList();
        Optional<List<String>> values;
        while ((values = CsvRecords.next(text)).isPresent()) {
            ObjectNode row = JsonNodeFactory.instance.objectNode();
            for (int index = 0; index < columns.size() && index < values.get().size(); index++) {
                row.put(columns.get(index), values.get().get(index));
            }
            record(row, sink, counts);
        }
    }

    private void record(JsonNode record, Consumer<TrinoMapping> sink, Counts counts) {
        if (record.isMissingNode()) {
            return;
        }
        Optional<JsonNode> event = record.has("metadata") ? Optional.of(record) : historyRow(record, counts);
        if (event.isEmpty()) {
            return;
        }
        if (!event.get().has("endTime")) {
            counts.skip("not a QueryCompletedEvent");
            return;
        }
        try {
            sink.accept(mapper.map(event.get()));
            counts.queries++;
        } catch (LineageException invalid) {
            counts.skip("invalid: " + invalid.errors().get(0).field() + " "
                    + invalid.errors().get(0).message());
        }
    }

    /** A row of {@code system.runtime.queries} as the QueryCompletedEvent it stands for. */
    private Optional<JsonNode> historyRow(JsonNode row, Counts counts) {
        String state = row.path("state").asText("").toUpperCase(Locale.ROOT);
        if (!row.has("query_id") || !row.has("query")) {
            counts.skip("neither a QueryCompletedEvent nor a system.runtime.queries row");
            return Optional.empty();
        }
        if (!FINISHED_STATES.contains(state)) {
            counts.skip("not finished (" + (state.isEmpty() ? "no state" : state) + ")");
            return Optional.empty();
        }
        Optional<String> end = time(row.path("end")).or(() -> time(row.path("created")));
        if (end.isEmpty()) {
            counts.skip("no end or created time");
            return Optional.empty();
        }
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        time(row.path("created")).ifPresent(created -> event.put("createTime", created));
        event.put("endTime", end.get());
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("queryId", row.path("query_id").asText());
        clusterUri.ifPresent(uri -> metadata.put("uri", uri));
        metadata.put("query", row.path("query").asText());
        metadata.put("queryState", state);
        ObjectNode context = event.putObject("context");
        text(row.path("user")).ifPresent(user -> context.put("user", user));
        text(row.path("source")).ifPresent(source -> context.put("source", source));
        defaultCatalog.ifPresent(catalog -> context.put("catalog", catalog));
        defaultSchema.ifPresent(schema -> context.put("schema", schema));
        if (state.equals("FAILED")) {
            ObjectNode failure = event.putObject("failureInfo");
            String code = text(row.path("error_code")).orElse("UNKNOWN");
            failure.putObject("errorCode")
                    .put("name", code)
                    .put("type", text(row.path("error_type")).orElse("UNKNOWN"));
            failure.put("failureMessage", code);
        }
        return Optional.of(event);
    }

    /** An instant as ISO-8601: ISO already, or as Trino renders a {@code timestamp with time zone}. */
    static Optional<String> time(JsonNode value) {
        Optional<String> text = text(value);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text.get()).toString());
        } catch (DateTimeParseException notIso) {
            try {
                return Optional.of(ZonedDateTime.parse(text.get(), HISTORY_TIME)
                        .toOffsetDateTime()
                        .toString());
            } catch (DateTimeParseException exception) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> text(JsonNode value) {
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    private static JsonNode readJson(String text, Counts counts) {
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? JsonNodeFactory.instance.missingNode() : node;
        } catch (JsonProcessingException exception) {
            counts.skip("malformed JSON");
            return JsonNodeFactory.instance.missingNode();
        }
    }

    private static final class Counts {
        private int queries;
        private final Map<String, Integer> skipped = new TreeMap<>();

        void skip(String reason) {
            skipped.merge(reason, 1, Integer::sum);
        }
    }

    /** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
    static final class CsvRecords {
        private CsvRecords() {}

        static Optional<List<String>> next(BufferedReader text) throws IOException {
            List<String> fields = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            int c;
            while ((c = text.read()) != -1) {
                any = true;
                if (quoted) {
                    if (c == '"') {
                        text.mark(1);
                        int next = text.read();
                        if (next == '"') {
                            field.append('"');
                        } else {
                            quoted = false;
                            if (next != -1) {
                                text.reset();
                            }
                        }
                    } else {
                        field.append((char) c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    fields.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    break;
                } else if (c != '\r') {
                    field.append((char) c);
                }
            }
            if (!any) {
                return Optional.empty();
            }
            fields.add(field.toString());
            return Optional.of(fields);
        }
    }
}
