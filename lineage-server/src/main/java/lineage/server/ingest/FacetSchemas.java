package lineage.server.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import com.networknt.schema.path.NodePath;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lineage.server.error.FieldError;

/**
 * The standard facets this server reads, checked against the OpenLineage spec's JSON schemas (copied, unchanged, into
 * {@code resources/openlineage/spec}; its README names the commit). Every facet is checked against the schema this
 * server ships, whatever version its {@code _schemaURL} names: producers send many versions, and the fields this
 * server reads are those of the shipped one. The schemas' {@code $ref}s to the core spec are resolved from the copies,
 * never fetched.
 *
 * <p>Choices beyond the schemas, each for producers that exist: a facet's {@code _producer} and {@code _schemaURL},
 * which the spec's base facet requires, are not required (nothing here reads them, and Marquez accepts facets without
 * them); nor is {@code errorMessage.programmingLanguage}, which Trino's listener omits; formats are asserted only for
 * {@code uuid} and {@code date-time}, the values this server reads ({@code dbt-ol} sends {@code bigquery} as a
 * {@code dataSource} uri, not an RFC 3986 URI); and a facet that is JSON {@code null} counts as absent. Unknown properties are allowed wherever the spec
 * allows them. Other facets, custom or standard but not read here, are not checked.
 *
 * <p>A facet's verdict depends only on its schema and its content, and producers send the same facets again and again
 * (a job's {@code sql} and {@code jobType}, a dataset's {@code schema} and {@code dataSource} in every event of every
 * run), so facets found valid are remembered by content and not checked again: checking cost 15 % of the server's CPU
 * on facet-laden events. The kept facets are copies, bounded by an estimate of their size ({@link #KEPT_BYTES}); a
 * facet larger than {@link #KEPT_NODES} JSON nodes is checked every time. Hits and misses are metrics
 * ({@code cache_gets_total{cache="valid-facets"}}).
 *
 * <p>Thread-safe: the schemas are loaded once and only read afterwards.
 */
@Singleton
public final class FacetSchemas {
    private static final String SPEC = "openlineage/spec/";
    private static final String CORE = "OpenLineage.json";
    private static final Set<String> BASE_FACET_FIELDS = Set.of("_producer", "_schemaURL");
    /** The formats asserted: those of values this server reads (parent run ids, nominal times). */
    private static final Set<String> ASSERTED_FORMATS = Set.of("uuid", "date-time");

    /** Where facets sit in an event. */
    private enum Place {
        RUN,
        JOB,
        DATASET,
        INPUT,
        OUTPUT
    }

    /**
     * A standard facet: its key where it sits, its schema file (whose {@code $defs} entry has the same name), and the
     * properties its schema requires that real producers omit and this server does not read, which are not required.
     */
    private record Standard(Place place, String key, String schema, Set<String> notRequired) {
        Standard(Place place, String key, String schema) {
            this(place, key, schema, Set.of());
        }
    }

    private static final List<Standard> STANDARD = List.of(
            new Standard(Place.RUN, "parent", "ParentRunFacet"),
            // Trino 476's OpenLineage listener sends no programmingLanguage (fixtures/trino/476/066-openlineage-FAIL).
            new Standard(Place.RUN, "errorMessage", "ErrorMessageRunFacet", Set.of("programmingLanguage")),
            new Standard(Place.RUN, "nominalTime", "NominalTimeRunFacet"),
            new Standard(Place.JOB, "sql", "SQLJobFacet"),
            new Standard(Place.JOB, "jobType", "JobTypeJobFacet"),
            new Standard(Place.JOB, "ownership", "OwnershipJobFacet"),
            new Standard(Place.DATASET, "schema", "SchemaDatasetFacet"),
            new Standard(Place.DATASET, "columnLineage", "ColumnLineageDatasetFacet"),
            new Standard(Place.DATASET, "symlinks", "SymlinksDatasetFacet"),
            new Standard(Place.DATASET, "dataSource", "DatasourceDatasetFacet"),
            new Standard(Place.DATASET, "lifecycleStateChange", "LifecycleStateChangeDatasetFacet"),
            new Standard(Place.DATASET, "ownership", "OwnershipDatasetFacet"),
            new Standard(Place.INPUT, "dataQualityAssertions", "DataQualityAssertionsDatasetFacet"));

    /**
     * A facet that breaks its schema: the object that holds it ({@code container}, a pointer into the event), its key
     * there, its path as errors name it, and each error.
     */
    public record BadFacet(JsonPointer container, String key, String field, List<FieldError> errors) {
        public BadFacet {
            errors = List.copyOf(errors);
        }
    }

    /** The most bytes the facets found valid may take, estimated: 16 MB. */
    static final long KEPT_BYTES = 16L << 20;
    /** The largest facet kept, in JSON nodes (objects, arrays and values): a 500-column schema facet is about 1,500. */
    static final int KEPT_NODES = 4_096;
    /** Roughly what one JSON node of a kept copy takes, with its name and value. */
    private static final int BYTES_PER_NODE = 96;

    private final Map<Place, Map<String, Standard>> standards = new EnumMap<>(Place.class);
    private final Map<Standard, Schema> schemas = new LinkedHashMap<>();
    /** Facets found valid, by schema and content (a copy, so that nothing changes the key). */
    private final Cache<ValidFacet, Boolean> valid = Caffeine.newBuilder()
            .maximumWeight(KEPT_BYTES)
            .weigher((ValidFacet facet, Boolean verdict) -> facet.nodes() * BYTES_PER_NODE)
            .recordStats()
            .build();

    /** A facet found valid against the schema of {@code standard}; its size is not part of its identity. */
    private record ValidFacet(Standard standard, JsonNode content, int nodes) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ValidFacet facet
                    && standard.equals(facet.standard)
                    && content.equals(facet.content);
        }

        @Override
        public int hashCode() {
            return 31 * standard.hashCode() + content.hashCode();
        }
    }

    @Inject
    public FacetSchemas(MeterRegistry registry) {
        this();
        CaffeineCacheMetrics.monitor(registry, valid, "valid-facets");
    }

    /** The schemas, without metrics. */
    public FacetSchemas() {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> byId = new LinkedHashMap<>();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String file : files()) {
            String text = resource(SPEC + file);
            try {
                String id = json.readTree(text).path("$id").asText();
                byId.put(id, text);
                ids.put(file, id);
            } catch (IOException unreadable) {
                throw new UncheckedIOException("the shipped schema " + file + " is not JSON", unreadable);
            }
        }
        SchemaRegistryConfig config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        // Only the shipped texts: an id that is not one of them is not fetched (remote fetching is off by default).
        // The spec's schemas use two keywords of their own, which annotate and do not validate.
        Dialect dialect = Dialect.builder(Dialects.getDraft202012())
                .keyword(new NonValidationKeyword("example"))
                .keyword(new NonValidationKeyword("documentation"))
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                dialect, builder -> builder.schemaRegistryConfig(config).schemas(byId));
        for (Standard standard : STANDARD) {
            String id = ids.get("facets/" + standard.schema() + ".json");
            Schema schema = registry.getSchema(SchemaLocation.of(id + "#/$defs/" + standard.schema()));
            schema.initializeValidators();
            schemas.put(standard, schema);
            standards
                    .computeIfAbsent(standard.place(), place -> new LinkedHashMap<>())
                    .put(standard.key(), standard);
        }
    }

    private static List<String> files() {
        List<String> files = new ArrayList<>();
        files.add(CORE);
        STANDARD.forEach(standard -> files.add("facets/" + standard.schema() + ".json"));
        return files;
    }

    private static String resource(String name) {
        try (InputStream in = FacetSchemas.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the schema " + name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the schema " + name + " cannot be read", unreadable);
        }
    }

    /** Each standard facet of {@code event} that breaks its schema, in the event's order; paths start at {@code path}. */
    public List<BadFacet> check(JsonNode event, String path) {
        List<BadFacet> bad = new ArrayList<>();
        facets(event, "/run/facets", EventLimits.join(path, "run.facets"), Place.RUN, bad);
        facets(event, "/job/facets", EventLimits.join(path, "job.facets"), Place.JOB, bad);
        facets(event, "/dataset/facets", EventLimits.join(path, "dataset.facets"), Place.DATASET, bad);
        datasets(event, "inputs", "inputFacets", Place.INPUT, path, bad);
        datasets(event, "outputs", "outputFacets", Place.OUTPUT, path, bad);
        return bad;
    }

    private void datasets(JsonNode event, String key, String ownFacets, Place own, String path, List<BadFacet> bad) {
        JsonNode datasets = event.path(key);
        for (int index = 0; index < datasets.size(); index++) {
            String pointer = "/" + key + "/" + index + "/";
            String field = EventLimits.join(path, key) + "[" + index + "].";
            facets(event, pointer + "facets", field + "facets", Place.DATASET, bad);
            facets(event, pointer + ownFacets, field + ownFacets, own, bad);
        }
    }

    private void facets(JsonNode event, String pointer, String field, Place place, List<BadFacet> bad) {
        JsonPointer container = JsonPointer.compile(pointer);
        JsonNode facets = event.at(container);
        Map<String, Standard> checked = standards.get(place);
        if (!facets.isObject() || checked == null) {
            return;
        }
        for (Standard standard : checked.values()) {
            JsonNode facet = facets.get(standard.key());
            if (facet == null || facet.isNull()) {
                continue;
            }
            ValidFacet seen = new ValidFacet(standard, facet, 0);
            if (valid.getIfPresent(seen) != null) {
                continue;
            }
            String facetField = field + TreeWalk.step(standard.key());
            List<FieldError> errors = errors(schemas.get(standard).validate(facet), standard, facetField);
            if (!errors.isEmpty()) {
                bad.add(new BadFacet(container, standard.key(), facetField, errors));
            } else {
                remember(standard, facet);
            }
        }
    }

    private void remember(Standard standard, JsonNode facet) {
        int nodes = nodes(facet, KEPT_NODES + 1);
        if (nodes <= KEPT_NODES) {
            valid.put(new ValidFacet(standard, facet.deepCopy(), nodes), Boolean.TRUE);
        }
    }

    /** How many JSON nodes {@code node} holds, itself included, counting no further than {@code limit}. */
    private static int nodes(JsonNode node, int limit) {
        int count = 1;
        for (JsonNode child : node) {
            if (count >= limit) {
                break;
            }
            count += nodes(child, limit - count);
        }
        return count;
    }

    private static List<FieldError> errors(List<Error> errors, Standard standard, String facetField) {
        Set<FieldError> distinct = new LinkedHashSet<>();
        for (Error error : errors) {
            NodePath location = error.getInstanceLocation();
            boolean atRoot = location.getNameCount() == 0;
            if (atRoot
                    && "required".equals(error.getKeyword())
                    && (BASE_FACET_FIELDS.contains(error.getProperty())
                            || standard.notRequired().contains(error.getProperty()))) {
                continue;
            }
            if ("format".equals(error.getKeyword())
                    && (error.getArguments() == null
                            || error.getArguments().length == 0
                            || !ASSERTED_FORMATS.contains(String.valueOf(error.getArguments()[0])))) {
                continue;
            }
            distinct.add(FacetErrors.of(error, facetField + steps(location)));
        }
        return List.copyOf(distinct);
    }

    private static String steps(NodePath location) {
        StringBuilder steps = new StringBuilder();
        for (int at = 0; at < location.getNameCount(); at++) {
            Object element = location.getElement(at);
            steps.append(element instanceof Integer index ? "[" + index + "]" : TreeWalk.step(String.valueOf(element)));
        }
        return steps.toString();
    }
}
