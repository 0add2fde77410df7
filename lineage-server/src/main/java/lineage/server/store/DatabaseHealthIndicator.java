package lineage.server.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness (not liveness): whether a pooled connection can be had and is valid. DOWN within the pool's connection
 * timeout when the database is unreachable, so that an orchestrator stops sending traffic without restarting the server,
 * which reconnects by itself. Replaces Micronaut's JDBC indicator, which logs a stack trace at every probe and shows the
 * database's address. An outage is logged once, when it starts, and once when it ends.
 */
@Singleton
@Readiness
@Requires(beans = HealthEndpoint.class)
public class DatabaseHealthIndicator implements HealthIndicator {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealthIndicator.class);
    private static final String NAME = "database";
    private static final int VALID_SECONDS = 1;

    private final DataSource dataSource;
    private final ExecutorService executor;
    private final AtomicBoolean down = new AtomicBoolean();

    public DatabaseHealthIndicator(
            DataSource dataSource,
            @Nullable DataSourceResolver resolver,
            @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        // The pool itself, not the transaction-aware proxy, which wants a transaction or connection scope.
        this.dataSource = (resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource);
        this.executor = executor;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(this::check, executor));
    }

    private HealthResult check() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(VALID_SECONDS)) {
                throw new SQLException("the connection is not valid", "08006");
            }
        } catch (SQLException | RuntimeException failure) {
            String reason = DatabaseFailures.isUnavailable(failure) ? "unavailable" : "failing";
            if (down.compareAndSet(false, true)) {
                LOG.warn(
                        "Readiness DOWN: the database is {} ({})",
                        reason,
                        DatabaseFailures.describe(failure).orElseGet(() -> String.valueOf(failure.getMessage())));
            }
            return HealthResult.builder(NAME, HealthStatus.DOWN)
                    .details(Map.of("database", reason))
                    .build();
        }
        if (down.compareAndSet(true, false)) {
            LOG.info("Readiness UP: the database answers again");
        }
        return HealthResult.builder(NAME, HealthStatus.UP).build();
    }
}
