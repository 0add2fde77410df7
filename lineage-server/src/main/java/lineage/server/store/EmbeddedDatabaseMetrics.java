package lineage.server.store;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/** Counts how often the embedded PostgreSQL died and was started again (always 0 on an external database). */
@Context
public class EmbeddedDatabaseMetrics {
    public EmbeddedDatabaseMetrics(MeterRegistry registry) {
        FunctionCounter.builder("lineage.embedded.database.restarts", registry, ignored ->
                        (double) EmbeddedDatabase.restartsInProcess())
                .description("Times the supervisor started the embedded PostgreSQL again after it died")
                .register(registry);
    }
}
