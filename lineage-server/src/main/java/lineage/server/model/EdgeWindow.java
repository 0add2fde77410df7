package lineage.server.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * Which edges a lineage or impact query sees: the edges current at {@code asOf} (now when empty), without those last
 * seen before {@code staleBefore} (stale ones) unless {@code includeStale}.
 *
 * <p>An edge is current at a time T when it was first seen at or before T and no authoritative event of its job left
 * it out at or before T. An edge that was left out and later seen again counts as current from its first sighting on.
 */
public record EdgeWindow(Optional<Instant> asOf, Optional<Instant> staleBefore, boolean includeStale) {
    private static final EdgeWindow CURRENT = new EdgeWindow(Optional.empty(), Optional.empty(), false);

    public EdgeWindow {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(staleBefore, "staleBefore is null");
    }

    /** Every current edge, however long ago it was seen. */
    public static EdgeWindow current() {
        return CURRENT;
    }

    /** Whether the query is about the past, so the in-memory graph (which holds only current edges) cannot answer it. */
    public boolean historical() {
        return asOf.isPresent();
    }

    /** Whether an edge last seen at {@code lastSeen} is stale. */
    public boolean isStale(Instant lastSeen) {
        return staleBefore.filter(lastSeen::isBefore).isPresent();
    }

    /** The oldest last sighting an edge may have to be seen by the query. */
    public Instant seenSince() {
        return includeStale ? Instant.MIN : staleBefore.orElse(Instant.MIN);
    }
}
