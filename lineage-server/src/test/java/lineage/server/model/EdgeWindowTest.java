package lineage.server.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EdgeWindowTest {
    private static final Instant MONDAY = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theCurrentWindowSeesEveryEdgeAndNoneIsStale() {
        EdgeWindow current = EdgeWindow.current();

        assertThat(current.historical()).isFalse();
        assertThat(current.seenSince()).isEqualTo(Instant.MIN);
        assertThat(current.isStale(Instant.EPOCH)).isFalse();
    }

    @Test
    void anEdgeLastSeenBeforeTheStaleTimeIsStaleAndLeftOut() {
        EdgeWindow window = new EdgeWindow(Optional.empty(), Optional.of(MONDAY), false);

        assertThat(window.isStale(MONDAY.minusMillis(1))).isTrue();
        assertThat(window.isStale(MONDAY)).as("seen at the stale time itself").isFalse();
        assertThat(window.seenSince()).isEqualTo(MONDAY);
    }

    @Test
    void includingStaleEdgesSeesThemAllButStillNamesThemStale() {
        EdgeWindow window = new EdgeWindow(Optional.empty(), Optional.of(MONDAY), true);

        assertThat(window.seenSince()).isEqualTo(Instant.MIN);
        assertThat(window.isStale(MONDAY.minusMillis(1))).isTrue();
    }

    @Test
    void aWindowWithAnAsOfTimeIsHistorical() {
        EdgeWindow window = new EdgeWindow(Optional.of(MONDAY), Optional.empty(), false);

        assertThat(window.historical()).isTrue();
        assertThat(window.seenSince()).isEqualTo(Instant.MIN);
    }
}
