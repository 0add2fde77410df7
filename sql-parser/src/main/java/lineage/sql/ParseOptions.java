package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The session defaults a statement is analysed with, what is known of table schemas, and how long one call may take.
 *
 * <p>Defaults are lower-cased. A default catalog needs a default schema to qualify one-part names; a two-part name
 * only needs the catalog. {@code timeBudget} bounds one {@link SqlLineageParser#parse} call (the whole script): a
 * statement not analysed within it is refused with {@link Diagnostic.Code#TOO_COMPLEX}; the call returns shortly after
 * the budget runs out. It must be positive; the default is {@link #DEFAULT_TIME_BUDGET}.
 */
public record ParseOptions(
        Optional<String> defaultCatalog, Optional<String> defaultSchema, SchemaProvider schemas, Duration timeBudget) {
    /** The time budget of a call unless the options say otherwise: 1.4 seconds. */
    public static final Duration DEFAULT_TIME_BUDGET = Duration.ofMillis(1400);

    private static final ParseOptions DEFAULTS =
            new ParseOptions(Optional.empty(), Optional.empty(), SchemaProvider.none());

    public ParseOptions {
        requireNonNull(defaultCatalog, "defaultCatalog is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
        requireNonNull(schemas, "schemas is null");
        requireNonNull(timeBudget, "timeBudget is null");
        if (timeBudget.isNegative() || timeBudget.isZero()) {
            throw new IllegalArgumentException("timeBudget must be positive: " + timeBudget);
        }
        defaultCatalog = defaultCatalog.map(ParseOptions::normalize).filter(value -> !value.isEmpty());
        defaultSchema = defaultSchema.map(ParseOptions::normalize).filter(value -> !value.isEmpty());
    }

    /** Options with the {@link #DEFAULT_TIME_BUDGET}. */
    public ParseOptions(Optional<String> defaultCatalog, Optional<String> defaultSchema, SchemaProvider schemas) {
        this(defaultCatalog, defaultSchema, schemas, DEFAULT_TIME_BUDGET);
    }

    /** No defaults and no schemas. */
    public static ParseOptions defaults() {
        return DEFAULTS;
    }

    public static ParseOptions of(String defaultCatalog, String defaultSchema) {
        return new ParseOptions(Optional.of(defaultCatalog), Optional.of(defaultSchema), SchemaProvider.none());
    }

    public ParseOptions withDefaultCatalog(String catalog) {
        return new ParseOptions(Optional.of(catalog), defaultSchema, schemas, timeBudget);
    }

    public ParseOptions withDefaultSchema(String schema) {
        return new ParseOptions(defaultCatalog, Optional.of(schema), schemas, timeBudget);
    }

    public ParseOptions withSchemas(SchemaProvider schemaProvider) {
        return new ParseOptions(defaultCatalog, defaultSchema, schemaProvider, timeBudget);
    }

    /** The same options with another time budget for a call (positive). */
    public ParseOptions withTimeBudget(Duration budget) {
        return new ParseOptions(defaultCatalog, defaultSchema, schemas, budget);
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
