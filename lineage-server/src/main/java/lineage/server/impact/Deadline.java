package lineage.server.impact;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import lineage.server.error.ErrorCode;
import lineage.server.error.LineageException;

/**
 * When one request's work must stop: at a time bound, or as soon as the client is seen to have gone. The loops of the
 * work call {@link #check} between steps (a hop, a change, a job), so work stops within one step of either; a step
 * that reads the database is bounded by the database's own statement timeout. Not shared between threads.
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Duration.ofDays(365), "", () -> false, () -> 0L);

    private final Duration budget;
    private final String setting;
    private final BooleanSupplier abandoned;
    private final LongSupplier nanoClock;
    private final long end;

    private Deadline(Duration budget, String setting, BooleanSupplier abandoned, LongSupplier nanoClock) {
        this.budget = requireNonNull(budget, "budget is null");
        this.setting = requireNonNull(setting, "setting is null");
        this.abandoned = requireNonNull(abandoned, "abandoned is null");
        this.nanoClock = requireNonNull(nanoClock, "nanoClock is null");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("budget must be positive: " + budget);
        }
        this.end = nanoClock.getAsLong() + budget.toNanos();
    }

    /**
     * Work that may run for {@code budget} from now, the limit {@code setting} names (for the refusal's text); {@code
     * abandoned} says whether the client has gone.
     */
    public static Deadline after(Duration budget, String setting, BooleanSupplier abandoned) {
        return new Deadline(budget, setting, abandoned, System::nanoTime);
    }

    /** The same, on a clock of nanoseconds that the caller moves (for tests). */
    static Deadline after(Duration budget, String setting, BooleanSupplier abandoned, LongSupplier nanoClock) {
        return new Deadline(budget, setting, abandoned, nanoClock);
    }

    /** No bound: for callers outside a request (tests, tools). */
    public static Deadline none() {
        return NONE;
    }

    /** Throws {@code WORK_TOO_LONG} once the time is up or the client has gone; returns otherwise. */
    public void check() {
        if (abandoned.getAsBoolean()) {
            throw new LineageException(
                    ErrorCode.WORK_TOO_LONG, "the client closed the connection, so the work was stopped");
        }
        if (remaining().isZero()) {
            throw new LineageException(
                    ErrorCode.WORK_TOO_LONG,
                    "the answer took longer than " + budget.toMillis() + " ms (" + setting
                            + ") and was stopped; ask a narrower question (a smaller depth, fewer changes) or raise"
                            + " the limit");
        }
    }

    /** The time left, zero once it is up. */
    public Duration remaining() {
        long left = end - nanoClock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }
}
