package lineage.server.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The service's own settings ({@code lineage.*} in {@code application.yml}, each with an environment override).
 *
 * @param maxEventBytes largest request body of {@code POST /api/v1/lineage}, single event or batch; larger gets 413
 * @param maxGraphNodes largest lineage answer in nodes; a bigger one is cut and flagged {@code truncated}
 * @param maxGroupWait longest a write waits for the senders the last write answered, so that they share it (zero:
 *     never waits)
 * @param sqlCacheBytes about how many bytes of SQL lineage answers are kept, by text (0: none)
 */
@ConfigurationProperties("lineage")
public record LineageConfig(
        @Bindable(defaultValue = "33554432") @Min(1024) int maxEventBytes,
        @Bindable(defaultValue = "10000") @Min(1) int maxGraphNodes,
        @Bindable(defaultValue = "1ms") @NotNull Duration maxGroupWait,
        @Bindable(defaultValue = "33554432") @Min(0) long sqlCacheBytes) {}
