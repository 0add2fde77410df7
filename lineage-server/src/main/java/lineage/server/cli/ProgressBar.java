package lineage.server.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on standard error, redrawn in place, when it is a terminal ({@code bin/lineage} says so): a bar when
 * the total is known, else the count alone. Drawn at most ten times a second.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private static final long INTERVAL_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private long drawnAt = System.nanoTime() - INTERVAL_NANOS;
    private int drawnLength;

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** {@code done} of {@code total} (0: unknown), and what is counted ("events copied"). */
    void show(long done, long total, String what) {
        show(total > 0 ? done / (double) total : -1, done, what);
    }

    /** {@code fraction} of the work done (negative: unknown), and a count of what ({@code 12 events imported}). */
    void show(double fraction, long count, String what) {
        long now = System.nanoTime();
        if (!enabled || now - drawnAt < INTERVAL_NANOS) {
            return;
        }
        drawnAt = now;
        String line;
        if (fraction >= 0) {
            fraction = Math.min(1.0, fraction);
            int filled = (int) Math.round(fraction * WIDTH);
            line = String.format(
                    Locale.ROOT,
                    "[%s%s] %3d%%  %,d %s",
                    "#".repeat(filled),
                    ".".repeat(WIDTH - filled),
                    Math.round(fraction * 100),
                    count,
                    what);
        } else {
            line = String.format(Locale.ROOT, "%,d %s", count, what);
        }
        err.print("\r" + line + " ".repeat(Math.max(0, drawnLength - line.length())));
        drawnLength = line.length();
    }

    /** Wipes the line, before a message or the summary. */
    void clear() {
        if (enabled && drawnLength > 0) {
            err.print("\r" + " ".repeat(drawnLength) + "\r");
            drawnLength = 0;
        }
    }
}
