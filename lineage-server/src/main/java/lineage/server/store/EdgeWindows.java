package lineage.server.store;

import java.time.Instant;
import lineage.server.model.EdgeWindow;

/** An {@link EdgeWindow}'s bounds as PostgreSQL {@code timestamptz} literals, for the queries of past edges. */
final class EdgeWindows {
    private EdgeWindows() {}

    /** The window's {@code asOf}: {@code infinity} when the query is about now. */
    static String asOf(EdgeWindow window) {
        return window.asOf().map(Instant::toString).orElse("infinity");
    }

    /** The window's {@code seenSince}: {@code -infinity} when no edge is too old to be seen. */
    static String seenSince(EdgeWindow window) {
        Instant since = window.seenSince();
        return since.equals(Instant.MIN) ? "-infinity" : since.toString();
    }
}
