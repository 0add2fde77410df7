package lineage.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.Optional;

/**
 * The lifecycle of job↔dataset edges ({@code lineage.edges.*}).
 *
 * @param staleAfter an edge not seen again for this long is stale: lineage and impact queries leave it out unless asked
 *     ({@code includeStale=true}); empty (the default) never makes an edge stale
 */
@ConfigurationProperties("lineage.edges")
public record EdgeConfig(Optional<Duration> staleAfter) {
    public EdgeConfig {
        staleAfter = staleAfter == null ? Optional.empty() : staleAfter;
        if (staleAfter.filter(after -> after.isNegative() || after.isZero()).isPresent()) {
            throw new IllegalArgumentException("lineage.edges.stale-after must be positive: " + staleAfter.get());
        }
    }
}
