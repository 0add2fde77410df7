package lineage.server.ingest;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import lineage.server.config.RetentionConfig;
import lineage.server.store.DatabaseFailures;
import lineage.server.store.RetentionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges raw events and runs older than {@code lineage.retention.max-age}, every {@code lineage.retention.interval},
 * in batches of their own transactions. The current graph is not changed: see {@link RetentionStore}.
 */
@Singleton
public class Retention {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    private static final int BATCH = 1000;

    private final RetentionConfig config;
    private final RetentionStore store;

    public Retention(RetentionConfig config, RetentionStore store) {
        this.config = config;
        this.store = store;
    }

    /** What one purge deleted. */
    public record Purged(long events, long runs) {}

    @Scheduled(fixedDelay = "${lineage.retention.interval:1h}", initialDelay = "${lineage.retention.interval:1h}")
    void purgeOnSchedule() {
        config.maxAge().ifPresent(maxAge -> {
            try {
                purgeOlderThan(maxAge);
            } catch (RuntimeException failure) {
                // The next interval tries again; nothing is lost by waiting.
                if (DatabaseFailures.isUnavailable(failure)) {
                    LOG.warn(
                            "Retention purge skipped: the database is unavailable ({}); it runs again in {}",
                            DatabaseFailures.describe(failure).orElse(""),
                            config.interval());
                } else {
                    LOG.warn("Retention purge failed; it runs again in {}", config.interval(), failure);
                }
            }
        });
    }

    /** Deletes the events and runs older than {@code maxAge} before now. */
    public Purged purgeOlderThan(Duration maxAge) {
        return purgeBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(maxAge));
    }

    /** Deletes the projected events and the runs whose time is before {@code cutoff}, except each job's latest run. */
    public Purged purgeBefore(OffsetDateTime cutoff) {
        long events = 0;
        for (int deleted = BATCH; deleted == BATCH; ) {
            deleted = store.deleteEventsBefore(cutoff, BATCH);
            events += deleted;
        }
        long runs = 0;
        for (int deleted = BATCH; deleted == BATCH; ) {
            deleted = store.deleteRunsBefore(cutoff, BATCH);
            runs += deleted;
        }
        LOG.info("Retention purged {} event(s) and {} run(s) older than {}", events, runs, cutoff);
        return new Purged(events, runs);
    }
}
