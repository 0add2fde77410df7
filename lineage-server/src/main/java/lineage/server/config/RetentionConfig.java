package lineage.server.config;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;
import java.util.Optional;

/**
 * How long raw events and runs are kept ({@code lineage.retention.*}).
 *
 * @param maxAge events and runs whose time is older than this are purged; empty (the default) keeps everything
 * @param interval how often the purge runs while {@code maxAge} is set
 */
@ConfigurationProperties("lineage.retention")
public record RetentionConfig(Optional<Duration> maxAge, @Bindable(defaultValue = "1h") Duration interval) {
    public RetentionConfig {
        maxAge = maxAge == null ? Optional.empty() : maxAge;
        requireNonNull(interval, "interval is null");
        if (maxAge.filter(age -> age.isNegative() || age.isZero()).isPresent()) {
            throw new IllegalArgumentException("lineage.retention.max-age must be positive: " + maxAge.get());
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("lineage.retention.interval must be positive: " + interval);
        }
    }
}
