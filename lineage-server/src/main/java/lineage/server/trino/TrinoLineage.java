package lineage.server.trino;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import lineage.server.ingest.LineageEvent;
import lineage.server.ingest.Projector;
import lineage.sql.ColumnLineage;
import lineage.sql.ParseOptions;
import lineage.sql.SqlLineage;
import lineage.sql.TableRef;

/**
 * The datasets of a finished query. The engine's lineage comes first: inputs are the tables and views the statement
 * names ({@code metadata.tables} with {@code directlyReferenced}; the base tables behind a view are reached through the
 * view's own edges), the output is {@code ioMetadata.output}, and column lineage is its columns' {@code sourceColumns}.
 * The SQL parser, with the session's catalog and schema as defaults, fills in the output columns the engine reports
 * without sources (MERGE's updated columns, UPDATE, DELETE), and gives the whole lineage (source {@code sql}) only when
 * the engine reported none. Pushdown artefacts and {@code $row_id} never become datasets or fields.
 */
final class TrinoLineage {
    private static final String ROW_ID = "$row_id";
    private static final String PUSHDOWN_COLUMN = "_pfgnrtd_";

    /** Inputs and outputs ({@code Optional.empty()} for no key), the source of their edges, and a disagreement. */
    record Result(
            Optional<List<LineageEvent.DatasetRef>> inputs,
            Optional<List<LineageEvent.DatasetRef>> outputs,
            String source,
            boolean parserDisagrees) {
        static Result none() {
            return new Result(Optional.empty(), Optional.empty(), "trino", false);
        }
    }

    Result of(JsonNode body, String namespace, QueryParses query) {
        SqlLineage parsed = query.withSessionDefaults();
        boolean parsedOk = parsed.error().isEmpty();
        TreeMap<String, JsonNode> inputs = engineInputs(body.path("metadata").path("tables"));
        JsonNode output = body.path("ioMetadata").path("output");
        Optional<String> outputName = output.isObject()
                ? name(output.path("catalogName"), output.path("schema"), output.path("table"))
                : Optional.empty();
        if (inputs.isEmpty() && outputName.isEmpty()) {
            if (parsedOk && (!parsed.inputs().isEmpty() || !parsed.outputs().isEmpty())) {
                return fromParser(parsed, namespace);
            }
            return new Result(Optional.of(List.of()), Optional.of(List.of()), "trino", false);
        }
        List<LineageEvent.DatasetRef> outputs = new ArrayList<>();
        outputName.ifPresent(name -> outputs.add(
                new LineageEvent.DatasetRef(namespace, name, outputFacets(output, name, namespace, parsed))));
        boolean disagrees =
                parsedOk && !tableSet(inputs.navigableKeySet(), outputName).equals(parsedTableSet(parsed));
        List<LineageEvent.DatasetRef> inputRefs = new ArrayList<>();
        inputs.forEach((name, facets) -> inputRefs.add(new LineageEvent.DatasetRef(namespace, name, facets)));
        return new Result(Optional.of(inputRefs), Optional.of(outputs), "trino", disagrees);
    }

    static ParseOptions options(JsonNode context) {
        ParseOptions options = ParseOptions.defaults();
        Optional<String> catalog = TrinoEventMapper.text(context.path("catalog"));
        Optional<String> schema = TrinoEventMapper.text(context.path("schema"));
        if (catalog.isPresent()) {
            options = options.withDefaultCatalog(catalog.get());
        }
        if (schema.isPresent()) {
            options = options.withDefaultSchema(schema.get());
        }
        return options;
    }

    /**
     * The directly referenced tables and views, each with the columns the query used as its schema facet: a partial
     * schema, which the projection adds to the dataset's fields (as for the OpenLineage listener's inputs).
     */
    private static TreeMap<String, JsonNode> engineInputs(JsonNode tables) {
        TreeMap<String, JsonNode> inputs = new TreeMap<>();
        for (JsonNode table : tables) {
            if (!table.path("directlyReferenced").asBoolean(false)) {
                continue;
            }
            Optional<String> name = name(table.path("catalog"), table.path("schema"), table.path("table"));
            if (name.isPresent()) {
                ObjectNode facets = JsonNodeFactory.instance.objectNode();
                ArrayNode fields = JsonNodeFactory.instance.arrayNode();
                for (JsonNode column : table.path("columns")) {
                    String field = column.path("column").asText("");
                    if (!field.isEmpty() && !field.equals(ROW_ID) && !field.startsWith(PUSHDOWN_COLUMN)) {
                        fields.addObject().put("name", field);
                    }
                }
                if (!fields.isEmpty()) {
                    facets.putObject("schema").set("fields", fields);
                }
                inputs.merge(name.get(), facets, (first, second) -> first);
            }
        }
        return inputs;
    }

    /** {@code catalog.schema.table}, lower-cased; empty for a part missing or a pushdown artefact. */
    private static Optional<String> name(JsonNode catalog, JsonNode schema, JsonNode table) {
        if (!catalog.isTextual() || !schema.isTextual() || !table.isTextual()) {
            return Optional.empty();
        }
        String name = (catalog.asText() + "." + schema.asText() + "." + table.asText()).toLowerCase(Locale.ROOT);
        return Projector.isArtefact(name) ? Optional.empty() : Optional.of(name);
    }

    private static JsonNode outputFacets(JsonNode output, String outputName, String namespace, SqlLineage parsed) {
        ObjectNode facets = JsonNodeFactory.instance.objectNode();
        ArrayNode schemaFields = JsonNodeFactory.instance.arrayNode();
        ObjectNode lineageFields = JsonNodeFactory.instance.objectNode();
        for (JsonNode column : output.path("columns")) {
            String name = column.path("columnName").asText("");
            if (name.isEmpty() || name.equals(ROW_ID) || name.startsWith(PUSHDOWN_COLUMN)) {
                continue;
            }
            schemaFields
                    .addObject()
                    .put("name", name)
                    .put("type", column.path("columnType").asText(""));
            ArrayNode inputFields = engineSources(column.path("sourceColumns"), namespace);
            if (inputFields.isEmpty()) {
                inputFields = parsedSources(parsed, outputName, name, namespace);
            }
            if (!inputFields.isEmpty()) {
                lineageFields.putObject(name).set("inputFields", inputFields);
            }
        }
        // The columns written (all of a CREATE's, a MERGE's updated ones): a partial schema, added to the dataset's.
        if (!schemaFields.isEmpty()) {
            facets.putObject("schema").set("fields", schemaFields);
        }
        if (!lineageFields.isEmpty()) {
            facets.putObject("columnLineage").set("fields", lineageFields);
        }
        return facets;
    }

    private static ArrayNode engineSources(JsonNode sourceColumns, String namespace) {
        ArrayNode inputFields = JsonNodeFactory.instance.arrayNode();
        for (JsonNode source : sourceColumns) {
            String field = source.path("columnName").asText("");
            Optional<String> table = name(source.path("catalog"), source.path("schema"), source.path("table"));
            if (table.isPresent() && !field.isEmpty() && !field.equals(ROW_ID) && !field.startsWith(PUSHDOWN_COLUMN)) {
                inputFields
                        .addObject()
                        .put("namespace", namespace)
                        .put("name", table.get())
                        .put("field", field);
            }
        }
        return inputFields;
    }

    /** The parser's direct lineage of one output column, with its transformation. */
    private static ArrayNode parsedSources(SqlLineage parsed, String outputName, String column, String namespace) {
        ArrayNode inputFields = JsonNodeFactory.instance.arrayNode();
        if (parsed.error().isPresent()) {
            return inputFields;
        }
        for (ColumnLineage edge : parsed.directLineage()) {
            TableRef input = edge.input().table();
            if (edge.output().table().qualifiedName().equalsIgnoreCase(outputName)
                    && edge.output().name().equalsIgnoreCase(column)
                    && input.isFullyQualified()
                    && !edge.input().name().equals(ROW_ID)) {
                ObjectNode field = inputFields
                        .addObject()
                        .put("namespace", namespace)
                        .put("name", input.qualifiedName().toLowerCase(Locale.ROOT))
                        .put("field", edge.input().name());
                field.putArray("transformations")
                        .addObject()
                        .put("type", edge.transformation().type().name())
                        .put("subtype", edge.transformation().subtype().name());
            }
        }
        return inputFields;
    }

    /** Where the engine reported nothing: the parser's tables (fully qualified ones only) and column lineage. */
    private static Result fromParser(SqlLineage parsed, String namespace) {
        TreeSet<String> inputs = qualified(parsed.inputs());
        TreeMap<String, ObjectNode> outputs = new TreeMap<>();
        for (String name : qualified(parsed.outputs())) {
            ObjectNode fields = JsonNodeFactory.instance.objectNode();
            TreeSet<String> columns = new TreeSet<>();
            parsed.directLineage().stream()
                    .filter(edge -> edge.output().table().qualifiedName().equalsIgnoreCase(name))
                    .forEach(edge -> columns.add(edge.output().name()));
            for (String column : columns) {
                ArrayNode sources = parsedSources(parsed, name, column, namespace);
                if (!sources.isEmpty()) {
                    fields.putObject(column).set("inputFields", sources);
                }
            }
            ObjectNode facets = JsonNodeFactory.instance.objectNode();
            if (!fields.isEmpty()) {
                facets.putObject("columnLineage").set("fields", fields);
            }
            outputs.put(name, facets);
        }
        List<LineageEvent.DatasetRef> outputRefs = new ArrayList<>();
        outputs.forEach((name, facets) -> outputRefs.add(new LineageEvent.DatasetRef(namespace, name, facets)));
        return new Result(Optional.of(refs(namespace, inputs)), Optional.of(outputRefs), "sql", false);
    }

    private static TreeSet<String> qualified(List<TableRef> tables) {
        TreeSet<String> names = new TreeSet<>();
        tables.stream()
                .filter(TableRef::isFullyQualified)
                .map(table -> table.qualifiedName().toLowerCase(Locale.ROOT))
                .filter(name -> !Projector.isArtefact(name))
                .forEach(names::add);
        return names;
    }

    private static TreeSet<String> tableSet(Set<String> inputs, Optional<String> output) {
        TreeSet<String> all = new TreeSet<>(inputs);
        output.ifPresent(all::add);
        return all;
    }

    private static TreeSet<String> parsedTableSet(SqlLineage parsed) {
        TreeSet<String> all = qualified(parsed.inputs());
        all.addAll(qualified(parsed.outputs()));
        return all;
    }

    private static List<LineageEvent.DatasetRef> refs(String namespace, TreeSet<String> names) {
        List<LineageEvent.DatasetRef> refs = new ArrayList<>();
        names.forEach(
                name -> refs.add(new LineageEvent.DatasetRef(namespace, name, JsonNodeFactory.instance.objectNode())));
        return refs;
    }
}
