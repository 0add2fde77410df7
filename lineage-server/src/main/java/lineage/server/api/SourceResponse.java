package lineage.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import lineage.server.store.SourceRow;

/**
 * Marquez's Source: a data source that datasets' {@code dataSource} facets name, with the URI the latest of them gave.
 * {@code type} is that URI's scheme, upper-cased ({@code POSTGRES}, {@code TRINO}, {@code S3}), or {@code UNKNOWN} when
 * it has none (Marquez says {@code POSTGRESQL} for every source); events carry no description.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record SourceResponse(
        String type,
        String name,
        Instant createdAt,
        Instant updatedAt,
        String connectionUrl,
        @Nullable String description) {
    static final String UNKNOWN_TYPE = "UNKNOWN";

    static SourceResponse of(SourceRow row) {
        return new SourceResponse(
                type(row.connectionUrl()), row.name(), row.createdAt(), row.updatedAt(), row.connectionUrl(), null);
    }

    static String type(String connectionUrl) {
        try {
            String scheme = new URI(connectionUrl).getScheme();
            return scheme == null ? UNKNOWN_TYPE : scheme.toUpperCase(Locale.ROOT);
        } catch (URISyntaxException exception) {
            int colon = connectionUrl.indexOf("://");
            return colon > 0 ? connectionUrl.substring(0, colon).toUpperCase(Locale.ROOT) : UNKNOWN_TYPE;
        }
    }
}
