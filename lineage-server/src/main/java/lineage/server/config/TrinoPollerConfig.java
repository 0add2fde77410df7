package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;

/**
 * The JDBC connection to the Trino cluster and the poller of its query history ({@code lineage.trino.poller.*}). The
 * catalog sync ({@link TrinoSyncConfig}) uses the same connection.
 *
 * @param enabled whether {@code system.runtime.queries} is polled
 * @param url the cluster's JDBC URL, {@code jdbc:trino://<host>:<port>}; required when polling or syncing
 * @param user the Trino user the server queries as
 * @param password sent when set (Trino then wants TLS: add {@code SSL=true} to the URL); only from the environment
 * @param interval the pause between two polls
 * @param defaultCatalog the catalog of unqualified names in history rows, which carry no session catalog
 * @param defaultSchema the schema of unqualified names in history rows
 */
@ConfigurationProperties("lineage.trino.poller")
public record TrinoPollerConfig(
        @Bindable(defaultValue = "false") boolean enabled,
        Optional<String> url,
        @Bindable(defaultValue = "lineage") String user,
        Optional<String> password,
        @Bindable(defaultValue = "1m") Duration interval,
        Optional<String> defaultCatalog,
        Optional<String> defaultSchema) {
    public TrinoPollerConfig {
        url = present(url);
        password = present(password);
        defaultCatalog = present(defaultCatalog);
        defaultSchema = present(defaultSchema);
        requireNonNull(user, "user is null");
        requireNonNull(interval, "interval is null");
        if (url.filter(value -> !value.startsWith("jdbc:trino://")).isPresent()) {
            throw new IllegalArgumentException(
                    "lineage.trino.poller.url must start with jdbc:trino://, not " + url.get());
        }
        if (enabled && url.isEmpty()) {
            throw new IllegalArgumentException("lineage.trino.poller.url is required when the poller is enabled");
        }
        if (user.isBlank()) {
            throw new IllegalArgumentException("lineage.trino.poller.user must not be blank");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("lineage.trino.poller.interval must be positive: " + interval);
        }
    }

    private static Optional<String> present(Optional<String> value) {
        return value == null ? Optional.empty() : value.map(String::strip).filter(text -> !text.isEmpty());
    }
}
