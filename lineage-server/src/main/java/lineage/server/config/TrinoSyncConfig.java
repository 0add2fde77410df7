package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The catalog sync ({@code lineage.trino.sync.*}): view definitions and table columns read from the
 * {@code information_schema} of each catalog, over the poller's JDBC connection ({@link TrinoPollerConfig#url()}).
 *
 * @param catalogs the catalogs to read; empty (the default) turns the scheduled sync off. Blank entries are dropped.
 * @param interval the pause between two scheduled syncs
 */
@ConfigurationProperties("lineage.trino.sync")
public record TrinoSyncConfig(List<String> catalogs, @Bindable(defaultValue = "1h") Duration interval) {
    /** Trino catalog names as they can be written unquoted. */
    public static final Pattern CATALOG = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public TrinoSyncConfig {
        catalogs = catalogs == null
                ? List.of()
                : catalogs.stream()
                        .map(String::strip)
                        .filter(catalog -> !catalog.isEmpty())
                        .toList();
        requireNonNull(interval, "interval is null");
        for (String catalog : catalogs) {
            if (!CATALOG.matcher(catalog).matches()) {
                throw new IllegalArgumentException(
                        "lineage.trino.sync.catalogs: '" + catalog + "' is not a catalog name");
            }
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("lineage.trino.sync.interval must be positive: " + interval);
        }
    }
}
