package lineage.server.dbt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lineage.server.error.ErrorCode;
import lineage.server.error.FieldError;
import lineage.server.error.LineageException;

/**
 * What this service reads of dbt's {@code target/manifest.json}, schema versions v2 to v12 (dbt 0.20 and later): the
 * project's models, seeds, snapshots and tests with their relations, dependencies, compiled SQL, descriptions and
 * owners; its sources, exposures and groups. Fields a version does not have are empty: {@code compiled_code} was
 * {@code compiled_sql} before v7, groups and a test's {@code attached_node} came with v10.
 *
 * @param schemaVersion the number of {@code metadata.dbt_schema_version} ({@code .../manifest/v12.json} is 12)
 * @param projectName {@code metadata.project_name} where the manifest has it (v10 on); else dbt_project.yml's name
 */
public record DbtManifest(
        int schemaVersion,
        String dbtVersion,
        Optional<String> invocationId,
        Optional<String> adapterType,
        Optional<String> projectName,
        List<Node> nodes,
        List<Source> sources,
        List<Exposure> exposures,
        Map<String, Owner> groups) {
    public static final int OLDEST = 2;
    public static final int NEWEST = 12;
    private static final Pattern VERSION = Pattern.compile("/manifest/v(\\d{1,4})\\.json$");

    /** A model, seed, snapshot or test ({@code resource_type}); others (analyses, operations) are left out. */
    public record Node(
            String uniqueId,
            String resourceType,
            String name,
            String packageName,
            Optional<String> database,
            String schema,
            String alias,
            List<String> dependsOn,
            Optional<String> compiledSql,
            String description,
            Map<String, Column> columns,
            Optional<String> owner,
            Optional<String> group,
            Optional<Test> test) {}

    /** A column as the manifest documents it. */
    public record Column(String name, String description, Optional<String> dataType) {}

    /** A test's kind ({@code unique}, {@code not_null}...; its own name for a singular test), column and target. */
    public record Test(String kind, Optional<String> column, Optional<String> attachedNode) {}

    /** A source table: {@code source_name} and {@code name}, its relation from database, schema and identifier. */
    public record Source(
            String uniqueId,
            String sourceName,
            String name,
            Optional<String> database,
            String schema,
            String identifier,
            String description,
            Map<String, Column> columns,
            Optional<String> owner,
            Optional<String> loadedAtField) {}

    /** A dashboard, notebook, application, ML model or analysis that reads the nodes it depends on. */
    public record Exposure(
            String uniqueId,
            String name,
            String type,
            Optional<String> url,
            Owner owner,
            String description,
            List<String> dependsOn) {}

    /** An owner as dbt writes one: a name, an email, or both. */
    public record Owner(Optional<String> name, Optional<String> email) {}

    /**
     * Reads a parsed manifest; a {@link LineageException} ({@code INVALID_DBT_ARTIFACT}) names what is wrong: not a
     * manifest, a schema version outside v2 to v12, a node without the fields every version has.
     */
    public static DbtManifest read(JsonNode manifest) {
        if (!manifest.isObject()
                || !manifest.path("metadata").isObject()
                || !manifest.path("nodes").isObject()) {
            throw invalid("$", "is not a dbt manifest: it has no metadata and nodes objects");
        }
        JsonNode metadata = manifest.path("metadata");
        String schema = metadata.path("dbt_schema_version").asText("");
        Matcher version = VERSION.matcher(schema);
        if (!version.find()) {
            throw invalid(
                    "metadata.dbt_schema_version",
                    "'" + schema + "' is not a manifest schema URL (…/manifest/vN.json)");
        }
        int number = Integer.parseInt(version.group(1));
        if (number < OLDEST || number > NEWEST) {
            throw invalid(
                    "metadata.dbt_schema_version",
                    "manifest schema v" + number + " is not supported: v" + OLDEST + " to v" + NEWEST
                            + " are (dbt 0.20 and later)");
        }
        List<Node> nodes = new ArrayList<>();
        manifest.path("nodes").fields().forEachRemaining(entry -> {
            String type = entry.getValue().path("resource_type").asText("");
            if (type.equals("model") || type.equals("seed") || type.equals("snapshot") || type.equals("test")) {
                nodes.add(node(entry.getKey(), entry.getValue()));
            }
        });
        List<Source> sources = new ArrayList<>();
        manifest.path("sources")
                .fields()
                .forEachRemaining(entry -> sources.add(source(entry.getKey(), entry.getValue())));
        List<Exposure> exposures = new ArrayList<>();
        manifest.path("exposures")
                .fields()
                .forEachRemaining(entry -> exposures.add(exposure(entry.getKey(), entry.getValue())));
        Map<String, Owner> groups = new LinkedHashMap<>();
        manifest.path("groups")
                .fields()
                .forEachRemaining(entry -> groups.put(
                        entry.getValue().path("name").asText(entry.getKey()),
                        owner(entry.getValue().path("owner"))));
        return new DbtManifest(
                number,
                metadata.path("dbt_version").asText(""),
                text(metadata, "invocation_id"),
                text(metadata, "adapter_type"),
                text(metadata, "project_name"),
                List.copyOf(nodes),
                List.copyOf(sources),
                List.copyOf(exposures),
                Map.copyOf(groups));
    }

    private static Node node(String key, JsonNode node) {
        String where = "nodes." + key;
        String name = required(node, "name", where);
        Optional<Test> test = Optional.empty();
        if (node.path("resource_type").asText().equals("test")) {
            JsonNode metadata = node.path("test_metadata");
            test = Optional.of(new Test(
                    metadata.isObject() ? metadata.path("name").asText(name) : name,
                    text(node, "column_name"),
                    text(node, "attached_node")));
        }
        return new Node(
                node.path("unique_id").asText(key),
                node.path("resource_type").asText(),
                name,
                node.path("package_name").asText(""),
                text(node, "database"),
                required(node, "schema", where),
                text(node, "alias").orElse(name),
                strings(node.path("depends_on").path("nodes")),
                text(node, "compiled_code").or(() -> text(node, "compiled_sql")),
                node.path("description").asText(""),
                columns(node.path("columns")),
                text(node.path("meta"), "owner")
                        .or(() -> text(node.path("config").path("meta"), "owner")),
                text(node, "group").or(() -> text(node.path("config"), "group")),
                test);
    }

    private static Source source(String key, JsonNode source) {
        String where = "sources." + key;
        String name = required(source, "name", where);
        return new Source(
                source.path("unique_id").asText(key),
                required(source, "source_name", where),
                name,
                text(source, "database"),
                required(source, "schema", where),
                text(source, "identifier").orElse(name),
                source.path("description").asText(""),
                columns(source.path("columns")),
                text(source.path("meta"), "owner")
                        .or(() -> text(source.path("source_meta"), "owner"))
                        .or(() -> text(source.path("config").path("meta"), "owner")),
                text(source, "loaded_at_field"));
    }

    private static Exposure exposure(String key, JsonNode exposure) {
        String where = "exposures." + key;
        return new Exposure(
                exposure.path("unique_id").asText(key),
                required(exposure, "name", where),
                exposure.path("type").asText("dashboard"),
                text(exposure, "url"),
                owner(exposure.path("owner")),
                exposure.path("description").asText(""),
                strings(exposure.path("depends_on").path("nodes")));
    }

    private static Owner owner(JsonNode owner) {
        return new Owner(text(owner, "name"), text(owner, "email"));
    }

    private static Map<String, Column> columns(JsonNode columns) {
        Map<String, Column> read = new LinkedHashMap<>();
        columns.fields().forEachRemaining(entry -> {
            String name = entry.getValue().path("name").asText(entry.getKey());
            read.put(
                    name,
                    new Column(
                            name,
                            entry.getValue().path("description").asText(""),
                            text(entry.getValue(), "data_type")));
        });
        return read;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    private static String required(JsonNode node, String field, String where) {
        return text(node, field).orElseThrow(() -> invalid(where + "." + field, "is required"));
    }

    private static LineageException invalid(String field, String reason) {
        return new LineageException(
                ErrorCode.INVALID_DBT_ARTIFACT,
                "the manifest cannot be read: " + field + " " + reason,
                List.of(new FieldError(field, reason)));
    }
}
