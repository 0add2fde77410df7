package lineage.sql;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * The session defaults a statement is analysed with, and what is known of table schemas.
 *
 * <p>Defaults are lower-cased. A default catalog needs a default schema to qualify one-part names; a two-part name
 * only needs the catalog.
 */
public record ParseOptions(Optional<String> defaultCatalog, Optional<String> defaultSchema, SchemaProvider schemas) {
    private static final ParseOptions DEFAULTS =
            new ParseOptions(Optional.empty(), Optional.empty(), SchemaProvider.none());

    public ParseOptions {
        requireNonNull(defaultCatalog, "defaultCatalog is null");
        requireNonNull(defaultSchema, "defaultSchema is null");
        requireNonNull(schemas, "schemas is null");
        defaultCatalog = defaultCatalog.map(ParseOptions::normalize).filter(value -> !value.isEmpty());
        defaultSchema = defaultSchema.map(ParseOptions::normalize).filter(value -> !value.isEmpty());
    }

    /** No defaults and no schemas. */
    public static ParseOptions defaults() {
        return DEFAULTS;
    }

    public static ParseOptions of(String defaultCatalog, String defaultSchema) {
        return new ParseOptions(Optional.of(defaultCatalog), Optional.of(defaultSchema), SchemaProvider.none());
    }

    public ParseOptions withDefaultCatalog(String catalog) {
        return new ParseOptions(Optional.of(catalog), defaultSchema, schemas);
    }

    public ParseOptions withDefaultSchema(String schema) {
        return new ParseOptions(defaultCatalog, Optional.of(schema), schemas);
    }

    public ParseOptions withSchemas(SchemaProvider schemaProvider) {
        return new ParseOptions(defaultCatalog, defaultSchema, schemaProvider);
    }

    private static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
