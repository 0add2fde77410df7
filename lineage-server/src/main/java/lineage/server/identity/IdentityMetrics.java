package lineage.server.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Identity's meters: {@code lineage.identity.aliases{origin}} (the aliases in force, by origin), {@code
 * lineage.identity.learned{origin}} (aliases learned), {@code lineage.identity.refused{reason}} (a symlink or alias
 * that was not learned: malformed, vetoed, a cycle), {@code lineage.identity.merges} and {@code
 * lineage.identity.splits}.
 */
@Singleton
public class IdentityMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public IdentityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Registers the gauges of the aliases in force. */
    public void watch(Identity identity) {
        for (Alias.Origin origin : Alias.Origin.values()) {
            Gauge.builder("lineage.identity.aliases", identity, current -> count(current, origin))
                    .description("Aliases in force, by origin")
                    .tag("origin", origin.value())
                    .register(registry);
        }
    }

    /** Meters of a registry of their own (unit tests, command-line tools). */
    public static IdentityMetrics none() {
        return new IdentityMetrics(new SimpleMeterRegistry());
    }

    private static double count(Identity identity, Alias.Origin origin) {
        return identity.aliases().all().stream()
                .filter(alias -> alias.origin() == origin)
                .count();
    }

    public void learned(Alias.Origin origin) {
        counter("lineage.identity.learned", "origin", origin.value(), "Aliases learned")
                .increment();
    }

    public void refused(String reason) {
        counter("lineage.identity.refused", "reason", reason, "Symlinks and aliases not learned")
                .increment();
    }

    public void merged(int count) {
        counter(
                        "lineage.identity.merges",
                        "kind",
                        "stored",
                        "Stored namespaces and datasets merged into canonical ones")
                .increment(count);
    }

    public void split() {
        counter("lineage.identity.splits", "kind", "alias", "Aliases removed, their nodes split again")
                .increment();
    }

    private Counter counter(String name, String tag, String value, String description) {
        return counters.computeIfAbsent(name + "\n" + value, key -> Counter.builder(name)
                .description(description)
                .tag(tag, value)
                .register(registry));
    }
}
